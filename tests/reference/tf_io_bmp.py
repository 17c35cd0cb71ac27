# BMP decoding as TensorFlow 2.15's DecodeBmp reads it: bottom-up and top-down rows, 8-bit
# grey, 24-bit BGR and 32-bit BGRA pixels, padded rows, `channels` 0/3/4, decode_image's
# dtypes, and the header and size checks.
import tensorflow as tf

def le(fields):
    # (value, byte count) pairs, little-endian, signed where negative
    return b''.join(v.to_bytes(n, 'little', signed=v < 0) for v, n in fields)

def bmp(w, h, bpp, rows, top_down=False, comp=0, trunc=0, offset=54):
    row = (w * bpp // 8 + 3) // 4 * 4
    data = b''
    order = rows if top_down else rows[::-1]
    for r in order:
        data += bytes(r) + b'\0' * (row - len(r))
    hdr = b'BM' + le([(offset + len(data), 4), (0, 2), (0, 2), (offset, 4)])
    info = le([(40, 4), (w, 4), (-h if top_down else h, 4), (1, 2), (bpp, 2), (comp, 4),
               (len(data), 4), (2835, 4), (2835, 4), (0, 4), (0, 4)])
    out = hdr + info + b'\0' * (offset - 54) + data
    return out[:len(out) - trunc] if trunc else out

def show(f):
    try:
        r = f()
        print(r.dtype.name, r.shape, r.numpy().ravel().tolist())
    except Exception as e:
        print(type(e).__name__, str(e).split('[Op')[0].split('} ')[-1])

px = [[10, 20, 30, 40, 50, 60, 70, 80, 90], [11, 21, 31, 41, 51, 61, 71, 81, 91]]
b = bmp(3, 2, 24, px)
print(tf.io.decode_bmp(b))
print(tf.io.decode_image(b))
print(tf.io.decode_bmp(bmp(3, 2, 24, px, True)))
p4 = [[1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16]]
print(tf.io.decode_bmp(bmp(2, 2, 32, p4)))
p1 = [[1, 2, 3], [4, 5, 6]]
print(tf.io.decode_bmp(bmp(3, 2, 8, p1)))
show(lambda: tf.io.decode_bmp(b, channels=1))
show(lambda: tf.io.decode_bmp(b, channels=4))
show(lambda: tf.io.decode_bmp(b'BMxx'))
show(lambda: tf.io.decode_image(b, channels=1))
show(lambda: tf.io.decode_image(b, channels=4))
show(lambda: tf.io.decode_image(b, dtype=tf.float32))
print(tf.image.decode_bmp(b).dtype)
show(lambda: tf.io.decode_bmp(bmp(3, 2, 8, p1), channels=3))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 8, p1), channels=4))
show(lambda: tf.io.decode_bmp(bmp(2, 2, 32, p4), channels=3))
show(lambda: tf.io.decode_bmp(bmp(1, 2, 24, [[1, 2, 3], [4, 5, 6]])))
show(lambda: tf.io.decode_bmp(bmp(2, 1, 16, [[1, 2, 3, 4]])))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9], comp=1)))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9], trunc=5)))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9], offset=60)))
show(lambda: tf.io.decode_bmp(bmp(0, 2, 24, [[], []])))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9])[:40]))
show(lambda: tf.io.decode_image(bmp(3, 2, 8, p1)))
show(lambda: tf.io.decode_image(bmp(3, 2, 8, p1), channels=3))
show(lambda: tf.io.decode_image(bmp(2, 2, 32, p4), channels=3))
show(lambda: tf.io.decode_image(bmp(2, 2, 32, p4), expand_animations=False))
show(lambda: tf.io.decode_image(bmp(2, 2, 32, p4), dtype=tf.uint16))
show(lambda: tf.io.decode_bmp(tf.constant([bmp(3, 2, 8, p1)])))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9]) + b'\0\0'))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9], trunc=3)))
show(lambda: tf.io.decode_bmp(bmp(3, 0, 24, [])))
show(lambda: tf.io.decode_bmp(bmp(3, 2, 24, [[1] * 9, [2] * 9], offset=20)))
img = tf.io.decode_bmp(bmp(3, 2, 24, px))
print(tf.image.convert_image_dtype(img, tf.float32).numpy().max())
