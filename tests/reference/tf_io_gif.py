# GIF decoding as TensorFlow 2.15's DecodeGif (giflib) reads it: global and local colour
# maps, frames composed on a canvas as large as the largest frame, transparency, interlaced
# rows, 1- to 8-bit colour maps with LZW code sizes 2 to 8, decode_image's channels, dtype and expand_animations, and
# the errors for damaged, truncated or foreign data. The GIFs are written here, LZW and all.
import tensorflow as tf

def lzw(pix, size):
    # GIF LZW: codes packed LSB first, growing a bit as the table fills, cleared at 4096
    clear = 1 << size
    st = {'bits': size + 1, 'acc': 0, 'n': 0}
    out = []
    def put(code):
        st['acc'] = st['acc'] | (code << st['n'])
        st['n'] = st['n'] + st['bits']
        while st['n'] >= 8:
            out.append(st['acc'] & 255)
            st['acc'] = st['acc'] >> 8
            st['n'] = st['n'] - 8
    put(clear)
    table = {}
    nxt = clear + 2
    cur = pix[0]
    for k in pix[1:]:
        key = cur * 4096 + k
        if key in table:
            cur = table[key]
            continue
        put(cur)
        if nxt == 4096:
            put(clear)
            table = {}
            nxt = clear + 2
            st['bits'] = size + 1
        else:
            if nxt >= (1 << st['bits']):
                st['bits'] = st['bits'] + 1
            table[key] = nxt
            nxt = nxt + 1
        cur = k
    put(cur)
    put(clear + 1)
    if st['n'] > 0:
        out.append(st['acc'] & 255)
    return bytes(out)

def blocks(data):
    out = b''
    for i in range(0, len(data), 255):
        chunk = data[i:i + 255]
        out = out + bytes([len(chunk)]) + chunk
    return out + b'\x00'

def u16(v):
    return v.to_bytes(2, 'little')

def pal(colors, bits):
    out = b''.join(bytes(c) for c in colors[:1 << bits])
    return out + b'\x00' * (3 * (1 << bits) - len(out))

def gce(trans=None, disposal=0):
    flags = (disposal << 2) | (0 if trans is None else 1)
    return b'\x21\xf9\x04' + bytes([flags]) + u16(10) + bytes([trans or 0]) + b'\x00'

def interlace(w, h, pix):
    rows = [pix[r * w:(r + 1) * w] for r in range(h)]
    order = list(range(0, h, 8)) + list(range(4, h, 8)) + list(range(2, h, 4)) + list(range(1, h, 2))
    return [p for r in order for p in rows[r]]

def frame(w, h, pix, left=0, top=0, local=None, lbits=1, code=2, inter=False, ext=b'', data=None):
    flags = (0 if local is None else 0x80 | (lbits - 1)) | (0x40 if inter else 0)
    out = ext + b'\x2c' + u16(left) + u16(top) + u16(w) + u16(h) + bytes([flags])
    if local is not None:
        out = out + pal(local, lbits)
    if data is None:
        data = lzw(interlace(w, h, pix) if inter else pix, code)
    return out + bytes([code]) + blocks(data)

def gif(sw, sh, frames, gpal=None, gbits=1, tail=b'\x3b', stamp=b'GIF89a'):
    flags = 0 if gpal is None else 0xf0 | (gbits - 1)
    out = stamp + u16(sw) + u16(sh) + bytes([flags, 0, 0])
    if gpal is not None:
        out = out + pal(gpal, gbits)
    return out + b''.join(frames) + tail

def show(f):
    try:
        r = f()
        print(r.dtype.name, r.shape, r.numpy().ravel().tolist())
    except Exception as e:
        print(type(e).__name__, e)

P = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (9, 9, 9)]
Q = [(10, 20, 30), (40, 50, 60), (70, 80, 90), (100, 110, 120)]
one = gif(3, 2, [frame(3, 2, [0, 1, 2, 3, 2, 1])], gpal=P, gbits=2)
tf.io.decode_gif(one)
print(tf.image.decode_gif(one))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1], local=Q, lbits=1), frame(2, 1, [1, 0])], gpal=P, gbits=1)))
anim = gif(4, 3, [frame(4, 3, [0] * 12), frame(2, 2, [1, 2, 3, 1], left=1, top=1), frame(3, 1, [3, 3, 2], left=2, top=0)], gpal=P, gbits=2)
tf.io.decode_gif(anim)
show(lambda: tf.io.decode_gif(gif(3, 1, [frame(3, 1, [1, 0, 2], ext=gce(0)), frame(3, 1, [3, 3, 1], ext=gce(3)), frame(3, 1, [0, 0, 0])], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1], ext=gce(0) + gce(1))], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1], ext=b'\x21\xf9\x03\x01\x00\x00\x00')], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1], ext=b'\x21\xfe\x03abc\x00\x21\x42\x01z\x00' + gce(1, 2))], gpal=P, gbits=1)))
tall = [(r * 3 + c) % 4 for r in range(10) for c in range(2)]
print(tf.io.decode_gif(gif(2, 10, [frame(2, 10, tall, inter=True)], gpal=P, gbits=2))[0, :, :, 0].numpy().tolist())
for bits in range(1, 9):
    n = 1 << bits
    colors = [(i, 255 - i, (i * 7) % 256) for i in range(n)]
    pix = [(i * 5 + 3) % n for i in range(24)]
    for code in sorted(set([max(bits, 2), 8])):
        r = tf.io.decode_gif(gif(6, 4, [frame(6, 4, pix, code=code)], gpal=colors, gbits=bits))
        print(bits, code, r.shape, r.numpy()[0, :, :, 0].ravel().tolist() == [colors[p][0] for p in pix], r.numpy()[0, 3, 5].tolist())
big = [(i * i + i // 7) % 256 for i in range(90 * 70)]
rb = tf.io.decode_gif(gif(90, 70, [frame(90, 70, big, code=8)], gpal=[(i, i // 2, 255 - i) for i in range(256)], gbits=8))
print(rb.shape, int(tf.reduce_sum(tf.cast(rb, tf.int64))), rb[0, 69, 89].numpy().tolist(), rb[0, 35, 10].numpy().tolist())
show(lambda: tf.io.decode_gif(gif(9, 9, [frame(2, 2, [1, 2, 3, 0], left=1, top=1)], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(1, 1, [frame(2, 2, [0, 1, 2, 3]), frame(3, 1, [3, 3, 3], left=1, top=1)], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(2, 2, [frame(1, 1, [1]), frame(2, 1, [2, 3], top=1), frame(1, 2, [3, 3], left=1)], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1])], gpal=P, gbits=1, stamp=b'GIF87a')))
show(lambda: tf.io.decode_image(one))
show(lambda: tf.io.decode_image(anim, expand_animations=False))
show(lambda: tf.io.decode_image(gif(2, 2, [frame(1, 1, [1]), frame(2, 2, [2, 3, 0, 1])], gpal=P, gbits=2), expand_animations=False))
show(lambda: tf.io.decode_image(one, channels=3))
for ch in [1, 4]:
    show(lambda: tf.io.decode_image(one, channels=ch))
show(lambda: tf.io.decode_image(one, dtype=tf.float32))
show(lambda: tf.io.decode_image(one, dtype=tf.uint16, expand_animations=False))
show(lambda: tf.image.decode_image(anim, dtype=tf.float32, expand_animations=False))
show(lambda: tf.io.decode_image(gif(2, 1, [frame(2, 1, [0, 1]), frame(2, 1, [3, 3])], gpal=P, gbits=1), expand_animations=False))
show(lambda: tf.io.decode_image(gif(2, 1, [frame(2, 1, [0, 1]), frame(2, 1, [3, 3])], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 3], ext=gce(3))], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1], local=P, lbits=1), frame(2, 1, [1, 0], local=Q, lbits=1), frame(2, 1, [1, 1])])))
for cut in [1, 2, 9, 17, 30, 44, 50]:
    show(lambda: tf.io.decode_gif(anim[:len(anim) - cut]))
for n in [4, 5, 6, 12, 20]:
    show(lambda: tf.io.decode_gif(one[:n]))
show(lambda: tf.io.decode_gif(b''))
show(lambda: tf.io.decode_gif(b'not an image'))
show(lambda: tf.io.decode_gif(b'GIF8' + b'x' * 14))
show(lambda: tf.io.decode_gif(gif(2, 1, [])))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1]), b'\x99'], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [b'\x21\xfe\x00', frame(2, 1, [0, 1])], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(0, 1, [0], data=lzw([0], 2))], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(2, 1, [frame(2, 1, [0, 1], code=9)], gpal=P, gbits=1)))
show(lambda: tf.io.decode_gif(gif(3, 1, [frame(3, 1, [0], data=lzw([1], 2))], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(3, 1, [frame(3, 1, [0], data=b'\x4c')], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(3, 1, [frame(3, 1, [0], data=b'\xff\xff\xff')], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(gif(3, 1, [frame(3, 1, [0, 1, 2]), frame(3, 1, [0], data=lzw([1], 2))], gpal=P, gbits=2)))
show(lambda: tf.io.decode_gif(tf.io.encode_png(tf.constant([[[1, 2, 3, 4], [5, 6, 7, 8]]], tf.uint8))))
show(lambda: tf.io.decode_gif(b'BM' + b'\x00' * 60))
show(lambda: tf.io.decode_gif(tf.constant([one])))
tf.io.decode_gif(tf.constant(one[:20]))
tf.io.decode_gif(one[:20], name='gif')
tf.io.decode_image(tf.constant(one), channels=1)
tf.io.decode_image(gif(2, 1, [frame(2, 1, [0, 3])], gpal=P, gbits=1))
