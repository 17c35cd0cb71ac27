import struct
print(struct.pack('<f', 1.5), struct.pack('>I', 2049), struct.pack('>IIII', 2051, 60000, 28, 28))
print(struct.unpack('>IIII', b'\x00\x00\x08\x03\x00\x00\xea`\x00\x00\x00\x1c\x00\x00\x00\x1c'))
print(struct.calcsize('>IIII'), struct.calcsize('@bi'), struct.calcsize('<bi'), struct.calcsize('3s2xh'))
print(struct.pack('<hHbB?', -2, 65535, -128, 255, True))
print(struct.unpack('<d', struct.pack('<d', 0.1)), struct.unpack('<e', b'\x00<'))
print(struct.pack('4s', b'ab'), struct.pack('2s', b'abcd'), struct.unpack('3s', b'xyz'))
print(struct.pack('!q', -1), struct.unpack('<Q', b'\xff' * 8))
print(struct.pack('@bi', 1, 2), struct.pack('=bi', 1, 2))
print(struct.unpack_from('>H', b'\x00\x01\x02\x03', 2), list(struct.iter_unpack('<h', b'\x01\x00\x02\x00')))
s = struct.Struct('<2i')
print(s.size, s.format, s.pack(3, 4), s.unpack(b'\x03\x00\x00\x00\x04\x00\x00\x00'))
print(struct.pack('c', b'z'), struct.unpack('cc', b'ab'))
try:
    struct.unpack('>I', b'\x00\x01')
except struct.error as e:
    print('error:', e)
try:
    struct.pack('<B', 300)
except struct.error as e:
    print('error:', e)
try:
    struct.pack('<i', 1, 2)
except struct.error as e:
    print('error:', e)
try:
    struct.pack('<i', 'a')
except struct.error as e:
    print('error:', e)
try:
    struct.calcsize('<y')
except struct.error as e:
    print('error:', e)
print(struct.pack('<f', 1e40), struct.pack('<2f', 1, 2.5))
try:
    struct.pack('<e', 1e6)
except OverflowError as e:
    print('overflow:', e)
try:
    struct.unpack('<h', b'\x01')
except Exception as e:
    print(type(e), e)
