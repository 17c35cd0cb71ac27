import typing
from typing import List, Dict, Tuple, Optional, Union, Any, Callable, Iterable, Iterator, Sequence, Mapping, Set, Type, TypeVar, Generic, NamedTuple, Literal, FrozenSet, DefaultDict, Deque, MutableMapping, Generator, cast, TYPE_CHECKING, get_type_hints, overload, Hashable, Sized, ClassVar, Final, NoReturn, Counter, OrderedDict, Collection, AnyStr, Protocol
List
Dict
List[int]
Dict[str, int]
Dict[str, Tuple[int, ...]]
Tuple[int, str]
Tuple[()]
Optional[int]
Optional[List[str]]
Union[int, str]
Union[int, None]
Union[None, int]
Union[int, str, None]
Union[int]
Union[int, int]
Optional[Union[int, str]]
Any
Callable
Callable[[int, str], bool]
Callable[..., int]
Iterable[int]
Iterator[float]
Sequence[str]
Mapping[str, Any]
Set[int]
FrozenSet[str]
Type[int]
Literal['a', 'b']
Literal[1]
DefaultDict[str, List[int]]
Generator[int, None, None]
ClassVar[int]
Final[int]
print(List[int])
print(Optional[Dict[str, float]])
str(Union[int, float])
repr(Any)
list[int]
dict[str, list[int]]
tuple[int, ...]
type(list[int]).__name__
print(list[int], dict[str, float], set[str])
list[int]([1, 2])
List[int] == List[int]
Optional[int] == Union[int, None]
Union[int, str] == Union[str, int]
T = TypeVar('T')
T
K = TypeVar('K', str, bytes)
K
V = TypeVar('V', bound=int)
V
T.__name__
List[T]
Dict[K, V]
TYPE_CHECKING
cast(int, 'x')
cast(List[int], [1, 2])
cast('int', 3)
def first(xs: List[int]) -> int:
    return xs[0]
first([7, 8])
class Config:
    lr: float = 0.01
    name: str = 'x'
    layers: List[int]
get_type_hints(Config)
Config.__annotations__
class Point(NamedTuple):
    x: int
    y: int = 0
p = Point(1, 2)
p
Point(5)
p.x + p.y
p._fields
p._asdict()
p._replace(x=10)
isinstance(p, tuple)
tuple(p)
x, y = p
x, y
Point._field_defaults
Point.__name__
Point(x=3, y=4)
Point(1, 2, 3)
class Row(NamedTuple):
    name: str
    score: float = 0.0
    tags: List[str] = []
    def label(self):
        return f'{self.name}:{self.score}'
Row('a')
Row('b', 1.5).label()
Row('b', 1.5) == ('b', 1.5, [])
Row.__annotations__
Emp = NamedTuple('Emp', [('name', str), ('id', int)])
Emp('x', 3)
Emp._fields
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
s = Stack()
s.push(1)
s.push(2)
s.pop()
s.items
isinstance(s, Stack)
class Pair(Generic[K, V]):
    pass
type(Pair()).__name__
Stack[int]
s2 = Stack[int]()
type(s2).__name__
Optional
Union
List[int, str]
Optional[int, str]
Union[()]
Generic[int]
TypeVar('T')()
@overload
def f(x: int) -> int: ...
def g(x: Union[int, str]) -> str:
    return str(x)
g(3)
isinstance([], List)
isinstance({}, Dict)
typing.get_origin(List[int])
typing.get_args(Dict[str, int])
typing.get_origin(Optional[int])
typing.get_args(Optional[int])
typing.get_args(int)
typing.get_origin(int)
import warnings
warnings.formatwarning('careful', UserWarning, 'f.py', 3)
warnings.formatwarning('old', DeprecationWarning, 'lib.py', 10, 'x = 1')
warnings.formatwarning(ValueError('bad'), RuntimeWarning, 'a.py', 1, '')
issubclass(UserWarning, Warning)
issubclass(DeprecationWarning, Warning)
issubclass(FutureWarning, Warning)
issubclass(RuntimeWarning, Warning)
issubclass(PendingDeprecationWarning, Warning)
issubclass(SyntaxWarning, Warning)
issubclass(ResourceWarning, Warning)
issubclass(ImportWarning, Warning)
issubclass(UnicodeWarning, Warning)
issubclass(BytesWarning, Warning)
issubclass(Warning, Exception)
UserWarning('m')
str(UserWarning('m'))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.warn('first')
    warnings.warn('second', DeprecationWarning)
    warnings.warn(RuntimeWarning('third'))
    print(len(w))
    for r in w:
        print(r.category.__name__, r.message, type(r.message).__name__)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.warn('x', FutureWarning, stacklevel=2)
    print(w[0].category is FutureWarning, str(w[0].message), isinstance(w[0].message, FutureWarning))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('ignore')
    warnings.warn('hidden')
    print(len(w))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('default')
    for i in range(3):
        warnings.warn('repeated')
    print(len(w))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    for i in range(3):
        warnings.warn('repeated')
    print(len(w))
with warnings.catch_warnings(record=True) as w:
    warnings.filterwarnings('ignore', category=DeprecationWarning)
    warnings.simplefilter('always', UserWarning)
    warnings.warn('dep', DeprecationWarning)
    warnings.warn('user')
    print([str(r.message) for r in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.filterwarnings('ignore', message='skip.*')
    warnings.warn('skip this')
    warnings.warn('keep this')
    print([str(r.message) for r in w])
with warnings.catch_warnings():
    warnings.simplefilter('error')
    try:
        warnings.warn('boom')
    except UserWarning as e:
        print('raised', type(e).__name__, e)
with warnings.catch_warnings():
    warnings.simplefilter('error', RuntimeWarning)
    try:
        warnings.warn('rt', RuntimeWarning)
    except RuntimeWarning as e:
        print('raised', e)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    def old():
        warnings.warn('old() is deprecated', DeprecationWarning, stacklevel=2)
        return 1
    old()
    print(w[-1].category.__name__, w[-1].message)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.warn('m', category=UserWarning)
    r = w[0]
    print(type(r.lineno).__name__, type(r.filename).__name__, r.line)
warnings.warn('bad', 5)
warnings.simplefilter('bogus')
warnings.filterwarnings('nope')
def show(message, category, filename, lineno, file=None, line=None):
    print('SHOW', category.__name__, message)
warnings.showwarning = show
warnings.warn('via show')
warnings.warn('via show')
warnings.warn('via show 2', RuntimeWarning)
warnings.warn('dep hidden', DeprecationWarning)
warnings.warn('pending', PendingDeprecationWarning)
warnings.simplefilter('always')
warnings.warn('via show')
warnings.resetwarnings()
warnings.warn('after reset')
warnings.filterwarnings('ignore')
warnings.warn('ignored now')
warnings.simplefilter('always')
warnings.warn(UserWarning('instance'))
warnings.warn('explicit', category=Warning)
