import re
m = re.match(r"(\w+) (\w+)", "Isaac Newton, physicist")
m
m.group(0), m.group(1), m.group(2), m.group(1, 2), m.groups(), m[1], m.span(), m.start(2), m.end(2)
m.lastindex, m.string, m.re.pattern, bool(m)
re.match("b", "abc"), re.search("b", "abc"), re.fullmatch("a.c", "abc"), re.fullmatch("a", "abc")
p = re.compile(r"(?P<first>\w+)\s(?P<last>\w+)")
p
mm = p.search("Jane Doe and more")
mm.group("first"), mm.groupdict(), mm["last"], p.groups, p.groupindex["last"], mm.lastgroup
re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)=(\d)", "a=1, b=2"), re.findall(r"(\w)=\d", "a=1, b=2")
re.findall(r"(a)|(b)", "ab"), re.findall("x*", "axxb"), re.findall(r"\bf\w*", "which foot or hand fell fastest")
[m.span() for m in re.finditer(r"\d+", "12 ab 345 6")]
[m.group() for m in re.finditer("", "ab")]
re.sub(r"\d", "#", "a1b2c3"), re.sub(r"\d", "#", "a1b2c3", count=2), re.sub("x*", "-", "abxd")
re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@site"), re.sub(r"(?P<w>\w+)!", r"\g<w>?", "hey! you!"), re.sub(r"(\d)", r"\g<1>0", "a1b2")
re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "a5 b10 c15")
re.subn(r"o", "0", "foo boo"), re.sub("a", r"\n", "bab"), re.sub("(b)?a", r"[\1]", "a ba")
re.split(r"\s+", "a  b   c"), re.split(r"(,)", "a,b,c"), re.split(",", "a,b,c,d", maxsplit=2), re.split(r"x*", "axbc")
re.split(r"(a)|(b)", "1a2b3"), re.split(r"\W+", "Words, words, words.")
re.escape("a.b*c?"), re.escape("hello world"), re.escape("1+1=2")
re.findall("abc", "ABC abc", re.IGNORECASE), re.findall("^a", "ab\nac", re.M), re.findall("a.c", "a\nc", re.S), re.findall("a.c", "a\nc")
re.findall(r"""\d +  # digits
  [a-z]   # letter""", "12a 3 b 4c", re.X)
re.compile("a+", re.I), re.compile("x", re.I | re.M), re.compile("x").flags, re.I, re.IGNORECASE == 2
re.match(r"\w+", "héllo wörld").group(), re.findall(r"\w+", "héllo wörld", re.ASCII), re.findall(r"\d", "١2")
re.search(r"end\Z", "the end"), re.search(r"^\d{2,3}$", "1234"), re.search(r"^\d{2,3}$", "123").group()
re.findall(r"a{2}", "aaaaa"), re.findall(r"a{,2}", "aaa"), re.findall("{x}", "a{x}b")
try:
    re.compile("(a")
except re.error as e:
    print(type(e).__name__, e)
try:
    re.compile("a)")
except re.error as e:
    print(type(e).__name__, e)
try:
    re.compile("[abc")
except re.error as e:
    print(type(e).__name__, e)
try:
    re.compile("*a")
except re.error as e:
    print(type(e).__name__, e)
try:
    re.sub("a", r"\3", "a")
except re.error as e:
    print(type(e).__name__, e)
m.group(5)
re.search("(a)(b)?", "ac").groups(), re.search("(a)(b)?", "ac").groups("-"), re.search("(a)(b)?", "ac").span(2)
pat = re.compile(r"\d")
pat.search("ab3d", 3), pat.match("ab3", 2), pat.findall("1a2b3", 1, 4), pat.sub("X", "a1b2")
try:
    re.compile("(")
except re.error as e:
    print("caught", type(e).__name__, e)
re.match("a|ab", "ab").group(), re.match("(?:ab)+", "ababx").group(), re.match(r"(?i)AB", "ab").group()
re.sub(r"(\w)(\w)", r"\2\1", "abcd"), re.sub(r"\s", "", " a b "), re.sub("", "-", "ab")
len(re.findall(r"[aeiou]", "the quick brown fox")), re.findall(r"[^a-z ]", "Hi There 42!"), re.findall(r"[\d.]+", "v1.2 and 3")
type(m).__name__, type(p).__name__, isinstance(p.pattern, str)
