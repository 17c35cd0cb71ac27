# JPEG as TensorFlow 2.15 reads and writes it (libjpeg-turbo): encode_jpeg's bytes for its
# options, decode_jpeg's pixels for both inverse DCTs, with and without fancy upsampling,
# grey and colour output, crops, decode_image's dtypes, other ops reading JPEG data, and the
# errors. Files TensorFlow cannot write (4:2:2, 4:4:0, 4:1:1, restart markers, Adobe RGB,
# CMYK, YCCK) are made by the small baseline writer below.
import tensorflow as tf
import numpy as np

rng = np.random.RandomState(3)
noise = rng.randint(0, 256, (21, 30, 3)).astype(np.uint8)
yy, xx = np.meshgrid(np.arange(37), np.arange(45), indexing='ij')
grad = np.stack([xx * 5, yy * 6, (xx + yy) * 3], -1).astype(np.uint8)
edge = np.stack([((xx // 4 + yy // 3) % 2) * 255, 255 - ((xx // 4) % 2) * 255, (xx * 37) % 256], -1).astype(np.uint8)

def show(f):
    try:
        r = f()
        a = r.numpy()
        if r.dtype == tf.string:
            print('bytes', len(a), sum(a) % 65521, a[:24])
        else:
            print(r.dtype.name, r.shape, int(a.astype(np.int64).sum()), a.ravel()[:12].tolist())
    except Exception as e:
        print(type(e).__name__, str(e).split(' [Op')[0].split('} ')[-1])

def pixels(data, **kw):
    show(lambda: tf.io.decode_jpeg(data, **kw))

# Encoding: TensorFlow's bytes, option by option.
e_noise = tf.io.encode_jpeg(noise)
e_grad = tf.io.encode_jpeg(grad)
e_edge = tf.io.encode_jpeg(edge)
show(lambda: e_noise)
show(lambda: e_grad)
show(lambda: tf.io.encode_jpeg(edge, quality=100))
show(lambda: tf.io.encode_jpeg(edge, quality=10))
show(lambda: tf.io.encode_jpeg(grad, quality=0))
show(lambda: tf.io.encode_jpeg(noise, chroma_downsampling=False))
show(lambda: tf.io.encode_jpeg(grad, progressive=True))
show(lambda: tf.io.encode_jpeg(noise, optimize_size=True))
show(lambda: tf.io.encode_jpeg(edge, progressive=True, quality=60, chroma_downsampling=False))
show(lambda: tf.io.encode_jpeg(grad[:, :, :1]))
show(lambda: tf.io.encode_jpeg(grad[:, :, :1], progressive=True))
show(lambda: tf.io.encode_jpeg(noise, density_unit='cm', x_density=72, y_density=96))
show(lambda: tf.io.encode_jpeg(noise[:1, :1]))
show(lambda: tf.io.encode_jpeg(grad, xmp_metadata='<x:xmpmeta>tensh</x:xmpmeta>'))
show(lambda: tf.image.encode_jpeg(edge, format='rgb'))
show(lambda: tf.io.encode_jpeg(grad, quality=101))
show(lambda: tf.io.encode_jpeg(grad, format='grayscale'))
show(lambda: tf.io.encode_jpeg(grad, format='bgr'))
show(lambda: tf.io.encode_jpeg(grad, density_unit='mm'))
show(lambda: tf.io.encode_jpeg(grad[0]))
show(lambda: tf.io.encode_jpeg(np.zeros((4, 4, 2), np.uint8)))
show(lambda: tf.io.encode_jpeg(np.zeros((4, 4, 3), np.float32)))
show(lambda: tf.io.encode_jpeg(np.zeros((0, 4, 3), np.uint8)))

# Decoding what TensorFlow wrote.
for e in [e_noise, e_grad, e_edge]:
    pixels(e)
    pixels(e, dct_method='INTEGER_ACCURATE')
    pixels(e, fancy_upscaling=False)
    pixels(e, channels=1)
pixels(tf.io.encode_jpeg(edge, quality=100, chroma_downsampling=False), dct_method='INTEGER_FAST')
pixels(tf.io.encode_jpeg(noise, quality=100))
pixels(tf.io.encode_jpeg(grad, progressive=True, quality=80))
pixels(tf.io.encode_jpeg(edge, progressive=True, chroma_downsampling=False), channels=3)
pixels(tf.io.encode_jpeg(grad[:, :, :1]))
pixels(tf.io.encode_jpeg(grad[:, :, :1]), channels=3)
pixels(tf.io.encode_jpeg(grad[:5, :3]))
for e in [e_noise, e_edge]:
    for r in [2, 4, 8]:
        pixels(e, ratio=r)
        pixels(e, ratio=r, dct_method='INTEGER_ACCURATE', channels=1)
        pixels(e, ratio=r, fancy_upscaling=False)
pixels(tf.io.encode_jpeg(edge, chroma_downsampling=False), ratio=2)
pixels(tf.io.encode_jpeg(grad, progressive=True), ratio=4)
x = tf.io.decode_jpeg(e_grad)
print(x.shape, x.dtype, x[10, 20].numpy().tolist(), x[-1, -1].numpy().tolist())

# Crops: the window's edges are the upsampler's edges, as in libjpeg-turbo.
for win in [[0, 0, 3, 4], [2, 17, 9, 11], [5, 16, 7, 3], [0, 40, 37, 5], [3, 0, 4, 45], [36, 44, 1, 1]]:
    show(lambda: tf.io.decode_and_crop_jpeg(e_edge, win))
for win in [[0, 0, 2, 3], [1, 5, 4, 6], [3, 8, 5, 2], [0, 20, 19, 3]]:
    show(lambda: tf.io.decode_and_crop_jpeg(e_edge, win, ratio=2))
show(lambda: tf.io.decode_and_crop_jpeg(e_edge, [0, 0, 19, 23], ratio=2))
show(lambda: tf.image.decode_and_crop_jpeg(e_grad, [1, 2, 3, 4], channels=1))
show(lambda: tf.io.decode_and_crop_jpeg(e_grad, [30, 0, 10, 4]))
show(lambda: tf.io.decode_and_crop_jpeg(e_grad, [-1, 0, 3, 4]))
show(lambda: tf.io.decode_and_crop_jpeg(e_grad, [0, 0, 3]))
show(lambda: tf.io.decode_and_crop_jpeg(e_grad, [[0, 0, 3, 4]]))

# The other readers of JPEG data.
show(lambda: tf.io.decode_image(e_grad))
show(lambda: tf.io.decode_image(e_grad, channels=1))
show(lambda: tf.io.decode_image(e_grad, dtype=tf.float32))
show(lambda: tf.io.decode_image(e_grad, dtype=tf.uint16))
show(lambda: tf.io.decode_image(e_grad, expand_animations=False))
show(lambda: tf.io.decode_image(e_grad, channels=4))
show(lambda: tf.io.decode_png(e_grad))
show(lambda: tf.image.decode_jpeg(e_grad))
show(lambda: tf.io.extract_jpeg_shape(e_grad))
show(lambda: tf.io.extract_jpeg_shape(tf.io.encode_jpeg(grad[:, :, :1]), output_type=tf.int64))
show(lambda: tf.image.extract_jpeg_shape(b'abc'))
show(lambda: tf.io.is_jpeg(e_grad))
show(lambda: tf.io.is_jpeg(b'\x89PNG'))
show(lambda: tf.image.is_jpeg(tf.constant([b'\xff\xd8\xff\xe0', b'x'])))

# Damage: a missing end marker, a cut file, a flipped byte.
raw = e_noise.numpy()
pixels(raw[:-2])
pixels(raw[:-2], try_recover_truncated=True)
pixels(raw[:len(raw) - 200] + b'\xff\xd9')
pixels(raw[:len(raw) - 200])
pixels(raw[:300])
bad = bytearray(raw)
bad[len(raw) - 150] ^= 0x5A
pixels(bytes(bad))
pixels(b'')
pixels(b'hello')
pixels(raw, channels=4)
pixels(raw, channels=2)
pixels(raw, ratio=3)
pixels(raw, dct_method='FLOAT')
show(lambda: tf.io.decode_jpeg([raw, raw]))

# A baseline writer for the files TensorFlow does not make: each block is a DC value and
# one or two AC terms, coded with the standard tables.
STD = {
    (0, 0): ([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], list(range(12))),
    (0, 1): ([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], list(range(12))),
}
AC_BITS = {0: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
           1: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77]}
AC_VALS = {0: [0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
               0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
               0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
               0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
               0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
               0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
               0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
               0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
               0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
               0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
               0xf9, 0xfa]}
AC_VALS[1] = AC_VALS[0]
AC_BITS[1] = AC_BITS[0]

def codes(bits, vals):
    out, code, k = {}, 0, 0
    for n in range(16):
        for _ in range(bits[n]):
            out[vals[k]] = (code, n + 1)
            code += 1
            k += 1
        code <<= 1
    return out

DC = {t: codes(*STD[(0, t)]) for t in (0, 1)}
AC = {t: codes(AC_BITS[t], AC_VALS[t]) for t in (0, 1)}

def seg(marker, body):
    return bytes([0xFF, marker]) + (len(body) + 2).to_bytes(2, 'big') + body

def category(v):
    a, n = abs(v), 0
    while a:
        a >>= 1
        n += 1
    return n

def write(w, h, comps, adobe=None, jfif=False, restart=0, qbits16=False):
    # comps: (id, h, v, table, value(row, col) -> (dc, ac1, ac5)) per component
    hmax = max(c[1] for c in comps)
    vmax = max(c[2] for c in comps)
    out = b'\xff\xd8'
    if jfif:
        out += seg(0xE0, b'JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00')
    if adobe is not None:
        out += seg(0xEE, b'Adobe\x00\x64\x00\x00\x00\x00' + bytes([adobe]))
    for t in (0, 1):
        if qbits16:
            out += seg(0xDB, bytes([0x10 | t]) + b''.join((2 + t + k % 3).to_bytes(2, 'big') for k in range(64)))
        else:
            out += seg(0xDB, bytes([t]) + bytes([2 + t + k % 3 for k in range(64)]))
    sof = bytes([8]) + h.to_bytes(2, 'big') + w.to_bytes(2, 'big') + bytes([len(comps)])
    for c in comps:
        sof += bytes([c[0], c[1] * 16 + c[2], c[3]])
    out += seg(0xC0, sof)
    for t in (0, 1):
        out += seg(0xC4, bytes([t]) + bytes(STD[(0, t)][0]) + bytes(STD[(0, t)][1]))
        out += seg(0xC4, bytes([0x10 | t]) + bytes(AC_BITS[t]) + bytes(AC_VALS[t]))
    if restart:
        out += seg(0xDD, restart.to_bytes(2, 'big'))
    sos = bytes([len(comps)])
    for c in comps:
        sos += bytes([c[0], c[3] * 17])
    out += seg(0xDA, sos + b'\x00\x3f\x00')
    bits = []

    def put(v, n):
        for i in range(n - 1, -1, -1):
            bits.append((v >> i) & 1)

    def flush():
        while len(bits) % 8:
            bits.append(1)
        data = b''
        for i in range(0, len(bits), 8):
            b = 0
            for j in range(8):
                b = b * 2 + bits[i + j]
            data += bytes([b]) + (b'\x00' if b == 255 else b'')
        bits.clear()
        return data

    def value(v, table_codes, symbol_run):
        n = category(v)
        code, length = table_codes[symbol_run * 16 + n]
        put(code, length)
        if n:
            put(v if v > 0 else v + (1 << n) - 1, n)

    mx, my = -(-w // (8 * hmax)), -(-h // (8 * vmax))
    pred = [0] * len(comps)
    scan = b''
    rst = 0
    count = 0
    for my_ in range(my):
        for mx_ in range(mx):
            if restart and count and count % restart == 0:
                scan += flush() + bytes([0xFF, 0xD0 + rst])
                rst = (rst + 1) % 8
                pred = [0] * len(comps)
            count += 1
            for ci, c in enumerate(comps):
                for by in range(c[2]):
                    for bx in range(c[1]):
                        dc, a1, a5 = c[4](my_ * c[2] + by, mx_ * c[1] + bx)
                        t = c[3]
                        n = category(dc - pred[ci])
                        code, length = DC[t][n]
                        put(code, length)
                        if n:
                            d = dc - pred[ci]
                            put(d if d > 0 else d + (1 << n) - 1, n)
                        pred[ci] = dc
                        value(a1, AC[t], 0)
                        if a5:
                            value(a5, AC[t], 3)
                        put(*AC[t][0])
    return out + scan + flush() + b'\xff\xd9'

def tex(k):
    return lambda r, c: ((r * 7 + c * 13 + k * 5) % 41 - 20, (r * 3 + c + k) % 9 - 4, (c * 5 + r) % 7 - 3)

def three(hv):
    return [(1, hv[0][0], hv[0][1], 0, tex(0)), (2, hv[1][0], hv[1][1], 1, tex(1)), (3, hv[2][0], hv[2][1], 1, tex(2))]

for name, hv, kw in [('4:2:2', [(2, 1), (1, 1), (1, 1)], {}),
                     ('4:4:0', [(1, 2), (1, 1), (1, 1)], {}),
                     ('4:1:1', [(4, 1), (1, 1), (1, 1)], {}),
                     ('4:2:0 restart 1', [(2, 2), (1, 1), (1, 1)], {'restart': 1}),
                     ('4:4:4 restart 3', [(1, 1), (1, 1), (1, 1)], {'restart': 3}),
                     ('3:1 chroma', [(3, 1), (1, 1), (1, 1)], {}),
                     ('16-bit tables', [(2, 2), (1, 1), (1, 1)], {'qbits16': True})]:
    f = write(27, 19, three(hv), jfif=True, **kw)
    print(name)
    pixels(f)
    pixels(f, fancy_upscaling=False)
    pixels(f, dct_method='INTEGER_ACCURATE')
    pixels(f, ratio=2)
    pixels(f, ratio=4, fancy_upscaling=False)
    show(lambda: tf.io.decode_and_crop_jpeg(f, [3, 9, 10, 7]))

rgb = write(20, 12, [(82, 1, 1, 0, tex(0)), (71, 1, 1, 0, tex(1)), (66, 1, 1, 0, tex(2))])
pixels(rgb)
pixels(rgb, channels=1)
adobe_rgb = write(20, 12, three([(1, 1), (1, 1), (1, 1)]), adobe=0)
pixels(adobe_rgb)
pixels(adobe_rgb, channels=1)
four = [(1, 1, 1, 0, tex(0)), (2, 1, 1, 1, tex(1)), (3, 1, 1, 1, tex(2)), (4, 1, 1, 0, tex(3))]
cmyk = write(17, 9, four)
pixels(cmyk)
pixels(cmyk, channels=1)
show(lambda: tf.io.extract_jpeg_shape(cmyk))
pixels(write(17, 9, four, adobe=0))
pixels(write(17, 9, four, adobe=2))
pixels(write(17, 9, four[:2]))
pixels(write(17, 9, four[:1]))
pixels(write(17, 9, four[:1]), channels=3)

# tf.image's JPEG-quality augmentations, and JPEG data through the GIF and PNG readers.
show(lambda: tf.image.adjust_jpeg_quality(grad, 40))
show(lambda: tf.image.adjust_jpeg_quality(grad[:, :, :1], 5))
show(lambda: tf.image.adjust_jpeg_quality(tf.constant(grad / 255.0, tf.float32), 75))
show(lambda: tf.image.adjust_jpeg_quality(grad, 101))
show(lambda: tf.image.stateless_random_jpeg_quality(edge, 10, 90, seed=(1, 2)))
tf.random.set_seed(5)
show(lambda: tf.image.random_jpeg_quality(edge, 30, 95, seed=3))
show(lambda: tf.image.random_jpeg_quality(edge, 90, 10))
show(lambda: tf.image.random_jpeg_quality(edge, 0, 101))
show(lambda: tf.io.decode_gif(e_grad))
show(lambda: tf.io.decode_png(e_grad, dtype=tf.uint16))
show(lambda: tf.io.decode_image(b''))
