b'abc'
b"it's"
b'say "hi"'
b'both \' and "'
b'\x00\x01\xff\t\n\r\\'
rb'\x00\n'
br"raw\d"
b'a' b'b'
b'\101\x42'
type(b'').__name__
b'abc'[0]
b'abc'[-1]
b'abc'[1:]
b'abcdef'[::2]
b'abc'[5]
len(b'hello')
list(b'hi')
b'ab' + b'cd'
b'ab' * 3
3 * b'x'
b'ab' + 'cd'
98 in b'abc'
b'bc' in b'abc'
b'x' in b'abc'
'a' in b'abc'
b'abc' == b'abc'
b'abc' == 'abc'
b'abc' < b'abd'
b'ab' < b'abc'
hash(b'abc') == hash(b'abc')
{b'k': 1}[b'k']
bytes(3)
bytes([1, 2, 255])
bytes([256])
bytes(-1)
bytes('é', 'utf-8')
bytes('é')
bytes(b'xy')
bytes()
str(b'x')
repr(b'x')
print(b'hi')
'é€'.encode()
'é'.encode('latin-1')
'abc'.encode('ascii')
'aé'.encode('ascii')
'aéü'.encode('ascii')
'aé€'.encode('latin-1')
'aé'.encode('ascii', errors='replace')
'aé'.encode('ascii', 'ignore')
'aé'.encode('ascii', 'xmlcharrefreplace')
'x'.encode('nope')
b'\xc3\xa9'.decode()
b'\xc3\xa9'.decode('utf-8')
b'\xff'.decode()
b'a\xc3'.decode()
b'\xe2\x82'.decode()
b'\xe2\x28\xa1'.decode()
b'\xff'.decode('ascii')
b'\xe9'.decode('latin-1')
b'a\xffb'.decode('utf-8', 'replace')
b'a\xffb'.decode('utf-8', errors='ignore')
b'\x01\xab'.hex()
b'\x01\xab'.hex(':')
bytes.fromhex('01 ab ff')
bytes.fromhex('0g')
b'a,b,,c'.split(b',')
b'  a b  '.split()
b'a b c'.split(maxsplit=1)
b'  xy  '.strip()
b'xxaxx'.strip(b'x')
b'hello'.startswith(b'he')
b'hello'.endswith((b'lo', b'x'))
b'hello'.startswith('he')
b'hello'.find(b'l')
b'hello'.rfind(b'l')
b'hello'.find(108)
b'hello'.index(b'z')
b'hello'.count(b'l')
b'hello'.replace(b'l', b'L')
b', '.join([b'a', b'b'])
b', '.join([b'a', 'b'])
b'Hello'.upper()
b'Hello'.lower()
b'123'.isdigit()
b'12a'.isdigit()
b'abc'.isalpha()
b'hello world'.title()
ba = bytearray(b'abc')
ba
ba.append(100)
ba
ba.extend(b'ef')
ba
ba.pop()
ba[0] = 65
ba
ba[0] = 256
ba[1:3] = b'XYZ'
ba
type(ba).__name__
len(ba)
bytearray(3)
bytearray([1, 2])
ba == b'AXYZd'
bytes(ba)
bytearray(b'x') + b'y'
b'x' + bytearray(b'y')
hash(bytearray(b'x'))
b'abc'[0] = 1
isinstance(b'', bytes)
for c in b'AB': print(c)
int(b'42')
b''
bool(b'')
sorted(b'cab')
bytearray(b'abc').pop(5)
bytearray().pop()
bb = bytearray(b'hello')
bb.insert(0, 72)
bb.remove(108)
bb
del bb[0]
bb
bb.upper()
bytearray(b'a b').split()
b'abc'.decode('latin1')
b'ab\xffcd'.decode('utf-8', 'backslashreplace')
'\u20ac'.encode('ascii', 'backslashreplace')
b'a\nb\r\nc'.splitlines()
b'ab'.center(6, b'*')
b'42'.zfill(5)
bytes.fromhex('abc')
bytearray.fromhex('ff00')
b'aaa'.replace(b'', b'-')
b'abc' * -1
b'abc' < 'abd'
list(reversed(b'abc'))
float(b'1.5')
