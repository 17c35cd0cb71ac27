# tf.image as TensorFlow 2.15 defines it in Python (image_ops_impl.py, random_crop_ops.py):
# flips, rotations, crops and pads, resizing, dtype conversion, color adjustments, the
# random and stateless random augmentations, and image quality measures, written over
# tensh's ops (whose gradients the tapes record). The kernels TensorFlow writes in C++
# (resizing, HSV conversions, hue, saturation and contrast) are tensh's natives:
# _resize, _rgb_to_hsv, _hsv_to_rgb, _adjust_hue, _adjust_saturation, _adjust_contrast,
# _encode_jpeg_variable_quality.
import tensorflow as _tf
import functools as _functools


def _is_tensor(x):
    return isinstance(x, (_tf.Tensor, _tf.Variable))


def _convert(image):
    return _tf.convert_to_tensor(image)


def _check_at_least_3d(image):
    shape = image.shape
    if shape.ndims < 3:
        raise ValueError("'image' (shape %s) must be at least three-dimensional." % image.shape)
    if any(x == 0 for x in shape[-3:]):
        raise ValueError("inner 3 dims of 'image.shape' must be > 0: %s" % shape)


def _check_grayscale(image):
    shape = image.shape
    if shape.ndims < 2:
        raise ValueError('A grayscale image (shape %s) must be at least two-dimensional.' % image.shape)
    if shape[-1] != 1:
        raise ValueError('Last dimension of a grayscale image should be size 1.')


class ResizeMethod:
    BILINEAR = 'bilinear'
    NEAREST_NEIGHBOR = 'nearest'
    BICUBIC = 'bicubic'
    AREA = 'area'
    LANCZOS3 = 'lanczos3'
    LANCZOS5 = 'lanczos5'
    GAUSSIAN = 'gaussian'
    MITCHELLCUBIC = 'mitchellcubic'


ResizeMethod.__module__ = 'tensorflow.python.ops.image_ops_impl'


# ---- flips, rotations, transposes -------------------------------------------------------

def _random_flip(image, flip_index, random_func):
    image = _convert(image)
    _check_at_least_3d(image)
    shape = image.shape
    if shape.ndims == 3:
        uniform_random = random_func(shape=[], minval=0, maxval=1.0)
        if uniform_random < 0.5:
            return _tf.reverse(image, [flip_index])
        return image
    elif shape.ndims == 4:
        batch_size = _tf.shape(image)[0]
        uniform_random = random_func(shape=[batch_size], minval=0, maxval=1.0)
        flips = _tf.round(_tf.reshape(uniform_random, [batch_size, 1, 1, 1]))
        flips = _tf.cast(flips, image.dtype)
        flipped_input = _tf.reverse(image, [flip_index + 1])
        return flips * flipped_input + (1 - flips) * image
    else:
        raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % shape)


def random_flip_up_down(image, seed=None):
    return _random_flip(image, 0, _functools.partial(_tf.random.uniform, seed=seed))


def random_flip_left_right(image, seed=None):
    return _random_flip(image, 1, _functools.partial(_tf.random.uniform, seed=seed))


def stateless_random_flip_left_right(image, seed):
    return _random_flip(image, 1, _functools.partial(_tf.random.stateless_uniform, seed=seed))


def stateless_random_flip_up_down(image, seed):
    return _random_flip(image, 0, _functools.partial(_tf.random.stateless_uniform, seed=seed))


def _flip(image, flip_index):
    image = _convert(image)
    _check_at_least_3d(image)
    shape = image.shape
    if shape.ndims == 3:
        return _tf.reverse(image, [flip_index])
    elif shape.ndims == 4:
        return _tf.reverse(image, [flip_index + 1])
    raise ValueError("'image' (shape %s)must have either 3 or 4 dimensions." % shape)


def flip_left_right(image):
    return _flip(image, 1)


def flip_up_down(image):
    return _flip(image, 0)


def rot90(image, k=1, name=None):
    image = _convert(image)
    _check_at_least_3d(image)
    k = _tf.convert_to_tensor(k, dtype=_tf.int32)
    if k.shape.ndims != 0:
        raise ValueError('Shape %s must have rank 0' % k.shape)
    k = int(k) % 4
    shape = image.shape
    if shape.ndims == 3:
        h, w = 0, 1
        perm = [1, 0, 2]
    elif shape.ndims == 4:
        h, w = 1, 2
        perm = [0, 2, 1, 3]
    else:
        raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % shape)
    if k == 1:
        return _tf.transpose(_tf.reverse(image, [w]), perm)
    if k == 2:
        return _tf.reverse(image, [h, w])
    if k == 3:
        return _tf.reverse(_tf.transpose(image, perm), [w])
    return image


def transpose(image, name=None):
    image = _convert(image)
    _check_at_least_3d(image)
    shape = image.shape
    if shape.ndims == 3:
        return _tf.transpose(image, [1, 0, 2])
    elif shape.ndims == 4:
        return _tf.transpose(image, [0, 2, 1, 3])
    raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % shape)


# ---- crops and pads ---------------------------------------------------------------------

def _as_int(v):
    if _is_tensor(v):
        return int(v)
    return v


def central_crop(image, central_fraction):
    image = _convert(image)
    fraction = float(central_fraction)
    if fraction <= 0.0 or fraction > 1.0:
        raise ValueError('central_fraction must be within (0, 1]')
    if fraction == 1.0:
        return image
    _check_at_least_3d(image)
    rank = image.shape.ndims
    if rank != 3 and rank != 4:
        raise ValueError('`image` should either be a Tensor with rank = 3 or rank = 4. Had rank = {}.'.format(rank))
    if rank == 3:
        img_h, img_w = image.shape[0], image.shape[1]
    else:
        img_h, img_w = image.shape[1], image.shape[2]
    h_start = int((float(img_h) - float(img_h) * fraction) / 2)
    w_start = int((float(img_w) - float(img_w) * fraction) / 2)
    h_size = img_h - h_start * 2
    w_size = img_w - w_start * 2
    if rank == 3:
        return _tf.slice(image, [h_start, w_start, 0], [h_size, w_size, -1])
    return _tf.slice(image, [0, h_start, w_start, 0], [-1, h_size, w_size, -1])


def _batched(image):
    shape = image.shape
    if shape.ndims == 3:
        return _tf.expand_dims(image, 0), False
    if shape.ndims != 4:
        raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % shape)
    return image, True


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    image = _convert(image)
    image, is_batch = _batched(image)
    offset_height, offset_width = _as_int(offset_height), _as_int(offset_width)
    target_height, target_width = _as_int(target_height), _as_int(target_width)
    _, height, width, _ = image.shape
    after_padding_width = target_width - offset_width - width
    after_padding_height = target_height - offset_height - height
    _check_at_least_3d(image)
    if not offset_height >= 0:
        raise ValueError('offset_height must be >= 0')
    if not offset_width >= 0:
        raise ValueError('offset_width must be >= 0')
    if not after_padding_width >= 0:
        raise ValueError('width must be <= target - offset')
    if not after_padding_height >= 0:
        raise ValueError('height must be <= target - offset')
    paddings = [[0, 0], [offset_height, after_padding_height],
                [offset_width, after_padding_width], [0, 0]]
    padded = _tf.pad(image, paddings)
    if not is_batch:
        padded = _tf.squeeze(padded, axis=[0])
    return padded


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    image = _convert(image)
    image, is_batch = _batched(image)
    offset_height, offset_width = _as_int(offset_height), _as_int(offset_width)
    target_height, target_width = _as_int(target_height), _as_int(target_width)
    _check_at_least_3d(image)
    _, height, width, _ = image.shape
    if not offset_width >= 0:
        raise ValueError('offset_width must be >= 0.')
    if not offset_height >= 0:
        raise ValueError('offset_height must be >= 0.')
    if not target_width > 0:
        raise ValueError('target_width must be > 0.')
    if not target_height > 0:
        raise ValueError('target_height must be > 0.')
    if not width >= target_width + offset_width:
        raise ValueError('width must be >= target + offset.')
    if not height >= target_height + offset_height:
        raise ValueError('height must be >= target + offset.')
    cropped = _tf.slice(image, [0, offset_height, offset_width, 0],
                        [-1, target_height, target_width, -1])
    if not is_batch:
        cropped = _tf.squeeze(cropped, axis=[0])
    return cropped


def resize_with_crop_or_pad(image, target_height, target_width):
    image = _convert(image)
    image, is_batch = _batched(image)
    target_height, target_width = _as_int(target_height), _as_int(target_width)
    _check_at_least_3d(image)
    if not target_width > 0:
        raise ValueError('target_width must be > 0.')
    if not target_height > 0:
        raise ValueError('target_height must be > 0.')
    _, height, width, _ = image.shape
    width_diff = target_width - width
    offset_crop_width = max(-width_diff // 2, 0)
    offset_pad_width = max(width_diff // 2, 0)
    height_diff = target_height - height
    offset_crop_height = max(-height_diff // 2, 0)
    offset_pad_height = max(height_diff // 2, 0)
    cropped = crop_to_bounding_box(image, offset_crop_height, offset_crop_width,
                                   min(target_height, height), min(target_width, width))
    resized = pad_to_bounding_box(cropped, offset_pad_height, offset_pad_width,
                                  target_height, target_width)
    if not is_batch:
        resized = _tf.squeeze(resized, axis=[0])
    return resized


# ---- resizing ---------------------------------------------------------------------------

_SCALE_METHODS = ['lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic']
_METHODS = ['bilinear', 'nearest', 'bicubic', 'area'] + _SCALE_METHODS


def _size_pair(size):
    try:
        size = _tf.convert_to_tensor(size, _tf.int32)
    except (TypeError, ValueError):
        raise ValueError("'size' must be a 1-D int32 Tensor")
    if size.shape.ndims != 1 or size.shape[0] != 2:
        raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    return size


def resize(images, size, method=ResizeMethod.BILINEAR, preserve_aspect_ratio=False,
           antialias=False, name=None):
    images = _convert(images)
    is_batch = True
    if images.shape.ndims == 3:
        is_batch = False
        images = _tf.expand_dims(images, 0)
    elif images.shape.ndims != 4:
        raise ValueError("'images' must have either 3 or 4 dimensions.")
    _, height, width, _ = images.shape
    size = _size_pair(size)
    if preserve_aspect_ratio:
        fh = _tf.cast(size[0], _tf.float32) / _tf.cast(height, _tf.float32)
        fw = _tf.cast(size[1], _tf.float32) / _tf.cast(width, _tf.float32)
        factor = _tf.minimum(fh, fw)
        new_h = _tf.cast(_tf.round(factor * _tf.cast(height, _tf.float32)), _tf.int32)
        new_w = _tf.cast(_tf.round(factor * _tf.cast(width, _tf.float32)), _tf.int32)
        size = _tf.convert_to_tensor([new_h, new_w], _tf.int32)
    if method not in _METHODS:
        raise ValueError('Resize method is not implemented: {}'.format(method))
    new_h, new_w = int(size[0]), int(size[1])
    if method == 'bilinear':
        kind = 'triangle' if antialias else 'bilinear'
    elif method == 'bicubic':
        kind = 'keyscubic' if antialias else 'bicubic'
    else:
        kind = method
    out = _resize(images, new_h, new_w, kind, bool(antialias), False, True)
    if not is_batch:
        out = _tf.squeeze(out, axis=[0])
    return out


def _smart_resize(x, size, interpolation='bilinear'):
    # Keras's image_utils.smart_resize: crop to the target's aspect ratio, then resize.
    img = _convert(x)
    height, width = img.shape[-3], img.shape[-2]
    target_height, target_width = size
    crop_height = int(_tf.cast(_tf.cast(width * target_height, 'float32') / target_width, 'int32'))
    crop_width = int(_tf.cast(_tf.cast(height * target_width, 'float32') / target_height, 'int32'))
    crop_height = min(height, crop_height)
    crop_width = min(width, crop_width)
    hstart = int(_tf.cast(_tf.cast(height - crop_height, 'float32') / 2, 'int32'))
    wstart = int(_tf.cast(_tf.cast(width - crop_width, 'float32') / 2, 'int32'))
    if img.shape.ndims == 4:
        img = _tf.slice(img, [0, hstart, wstart, 0], [-1, crop_height, crop_width, -1])
    else:
        img = _tf.slice(img, [hstart, wstart, 0], [crop_height, crop_width, -1])
    return resize(img, size, method=interpolation)


def resize_with_pad(image, target_height, target_width, method=ResizeMethod.BILINEAR,
                    antialias=False):
    image = _convert(image)
    image, is_batch = _batched(image)
    target_height, target_width = _as_int(target_height), _as_int(target_width)
    _check_at_least_3d(image)
    if not target_width > 0:
        raise ValueError('target_width must be > 0.')
    if not target_height > 0:
        raise ValueError('target_height must be > 0.')
    _, height, width, _ = image.shape
    f_height = _tf.cast(height, _tf.float32)
    f_width = _tf.cast(width, _tf.float32)
    f_target_height = _tf.cast(target_height, _tf.float32)
    f_target_width = _tf.cast(target_width, _tf.float32)
    ratio = _tf.maximum(f_width / f_target_width, f_height / f_target_height)
    resized_height_float = f_height / ratio
    resized_width_float = f_width / ratio
    resized_height = _tf.cast(_tf.floor(resized_height_float), _tf.int32)
    resized_width = _tf.cast(_tf.floor(resized_width_float), _tf.int32)
    padding_height = (f_target_height - resized_height_float) / 2
    padding_width = (f_target_width - resized_width_float) / 2
    p_height = max(0, int(_tf.floor(padding_height)))
    p_width = max(0, int(_tf.floor(padding_width)))
    resized = resize(image, [resized_height, resized_width], method, antialias=antialias)
    padded = pad_to_bounding_box(resized, p_height, p_width, target_height, target_width)
    if not is_batch:
        padded = _tf.squeeze(padded, axis=[0])
    return padded


def crop_and_resize(image, boxes, box_indices, crop_size, method='bilinear',
                    extrapolation_value=0.0, name=None):
    image = _convert(image)
    boxes = _tf.cast(_convert(boxes), _tf.float32)
    box_indices = _tf.convert_to_tensor(box_indices, _tf.int32)
    crop_size = _size_pair(crop_size)
    if image.shape.ndims != 4:
        raise _tf.errors.InvalidArgumentError(None, None, 'input image must be 4-D' + str(image.shape))
    if method not in ('bilinear', 'nearest'):
        raise ValueError("method must be 'bilinear' or 'nearest'")
    return _crop_and_resize(image, boxes, box_indices, int(crop_size[0]), int(crop_size[1]),
                            method, float(extrapolation_value))


def extract_patches(images, sizes, strides, rates, padding, name=None):
    images = _convert(images)
    if images.shape.ndims != 4:
        raise ValueError('Shape must be rank 4 but is rank %d' % images.shape.ndims)
    return _extract_patches(images, list(sizes), list(strides), list(rates), padding)


# ---- dtype conversion and color ---------------------------------------------------------

def _saturate_cast(value, dtype):
    if value.dtype.min < dtype.min:
        value = _tf.maximum(value, _tf.cast(dtype.min, value.dtype))
    if value.dtype.max > dtype.max:
        value = _tf.minimum(value, _tf.cast(dtype.max, value.dtype))
    return _tf.cast(value, dtype)


def _wrapping_cast(value, dtype):
    # A C++ static_cast of floats to uint8 goes through int32 and keeps the low byte.
    if dtype == _tf.uint8 and value.dtype.is_floating:
        return _tf.cast(_tf.math.floormod(_tf.cast(value, _tf.int64), 256), dtype)
    return _tf.cast(value, dtype)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    image = _convert(image)
    dtype = _tf.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError('dtype must be either floating point or integer')
    if not image.dtype.is_floating and not image.dtype.is_integer:
        raise AttributeError('image dtype must be either floating point or integer')
    if dtype == image.dtype:
        return _tf.reshape(image, _tf.shape(image))
    if image.dtype.is_integer and dtype.is_integer:
        scale_in = image.dtype.max
        scale_out = dtype.max
        if scale_in > scale_out:
            scale = (scale_in + 1) // (scale_out + 1)
            scaled = _tf.math.floordiv(image, scale)
            if saturate:
                return _saturate_cast(scaled, dtype)
            return _tf.cast(scaled, dtype)
        if saturate:
            cast = _saturate_cast(image, dtype)
        else:
            cast = _tf.cast(image, dtype)
        scale = (scale_out + 1) // (scale_in + 1)
        return _tf.multiply(cast, scale)
    elif image.dtype.is_floating and dtype.is_floating:
        return _tf.cast(image, dtype)
    elif image.dtype.is_integer:
        cast = _tf.cast(image, dtype)
        scale = 1.0 / image.dtype.max
        return _tf.multiply(cast, scale)
    scale = dtype.max + 0.5
    scaled = _tf.multiply(image, scale)
    if saturate:
        return _saturate_cast(scaled, dtype)
    return _wrapping_cast(scaled, dtype)


def rgb_to_grayscale(images, name=None):
    images = _convert(images)
    orig_dtype = images.dtype
    flt_image = convert_image_dtype(images, _tf.float32)
    rgb_weights = [0.2989, 0.587, 0.114]
    gray_float = _tf.tensordot(flt_image, rgb_weights, [-1, -1])
    gray_float = _tf.expand_dims(gray_float, -1)
    return convert_image_dtype(gray_float, orig_dtype)


def grayscale_to_rgb(images, name=None):
    images = _convert(images)
    _check_grayscale(images)
    multiples = [1] * (images.shape.ndims - 1) + [3]
    return _tf.tile(images, multiples)


def _float_image(image):
    if image.dtype == _tf.float32:
        return image
    return convert_image_dtype(image, _tf.float32)


def _float_scalar(v, what):
    v = _tf.convert_to_tensor(v, _tf.float32)
    if v.shape.ndims != 0:
        raise _tf.errors.InvalidArgumentError(None, None, '%s must be scalar: %s' % (what, v.shape))
    return float(v)


def rgb_to_hsv(images, name=None):
    return _rgb_to_hsv(_convert(images))


def hsv_to_rgb(images, name=None):
    return _hsv_to_rgb(_convert(images))


def adjust_brightness(image, delta):
    image = _convert(image)
    orig_dtype = image.dtype
    flt_image = _float_image(image)
    adjusted = _tf.add(flt_image, _tf.cast(delta, flt_image.dtype))
    return convert_image_dtype(adjusted, orig_dtype, saturate=True)


def adjust_contrast(images, contrast_factor):
    images = _convert(images)
    orig_dtype = images.dtype
    flt_images = _float_image(images)
    adjusted = _adjust_contrast(flt_images, _float_scalar(contrast_factor, 'contrast_factor'))
    return convert_image_dtype(adjusted, orig_dtype, saturate=True)


def adjust_gamma(image, gamma=1, gain=1):
    image = _convert(image)
    orig_dtype = image.dtype
    flt_image = _float_image(image)
    if gamma < 0:
        raise ValueError('Gamma should be a non-negative real number.')
    adjusted_img = gain * flt_image ** gamma
    return convert_image_dtype(adjusted_img, orig_dtype, saturate=True)


def adjust_hue(image, delta, name=None):
    if delta < -1 or delta > 1:
        raise ValueError('delta must be in the interval [-1, 1]')
    image = _convert(image)
    orig_dtype = image.dtype
    flt_image = _float_image(image)
    rgb_altered = _adjust_hue(flt_image, _float_scalar(delta, 'delta'))
    return convert_image_dtype(rgb_altered, orig_dtype)


def adjust_saturation(image, saturation_factor, name=None):
    image = _convert(image)
    orig_dtype = image.dtype
    flt_image = _float_image(image)
    adjusted = _adjust_saturation(flt_image, _float_scalar(saturation_factor, 'scale'))
    return convert_image_dtype(adjusted, orig_dtype)


def per_image_standardization(image):
    image = _convert(image)
    _check_at_least_3d(image)
    image = _tf.cast(image, dtype=_tf.float32)
    num_pixels = _tf.reduce_prod(_tf.shape(image)[-3:])
    image_mean = _tf.reduce_mean(image, axis=[-1, -2, -3], keepdims=True)
    stddev = _tf.math.reduce_std(image, axis=[-1, -2, -3], keepdims=True)
    min_stddev = _tf.math.rsqrt(_tf.cast(num_pixels, _tf.float32))
    adjusted_stddev = _tf.maximum(stddev, min_stddev)
    image -= image_mean
    return _tf.divide(image, adjusted_stddev)


_rgb_to_yiq_kernel = [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617],
                      [0.114, -0.32134392, 0.31119955]]
_yiq_to_rgb_kernel = [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021],
                      [0.6208248, -0.64720424, 1.70423049]]
_rgb_to_yuv_kernel = [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512],
                      [0.114, 0.43601035, -0.10001026]]
_yuv_to_rgb_kernel = [[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]]


def _color_matrix(images, kernel):
    images = _convert(images)
    kernel = _tf.convert_to_tensor(kernel, dtype=images.dtype)
    ndims = images.shape.ndims
    return _tf.tensordot(images, kernel, axes=[[ndims - 1], [0]])


def rgb_to_yiq(images):
    return _color_matrix(images, _rgb_to_yiq_kernel)


def yiq_to_rgb(images):
    return _color_matrix(images, _yiq_to_rgb_kernel)


def rgb_to_yuv(images):
    return _color_matrix(images, _rgb_to_yuv_kernel)


def yuv_to_rgb(images):
    return _color_matrix(images, _yuv_to_rgb_kernel)


# ---- random augmentations ---------------------------------------------------------------

def _check_range(lower, upper):
    if upper <= lower:
        raise ValueError('upper must be > lower.')
    if lower < 0:
        raise ValueError('lower must be non-negative.')


def _check_delta(max_delta, most=None):
    if most is not None and max_delta > most:
        raise ValueError('max_delta must be <= %s.' % most)
    if max_delta < 0:
        raise ValueError('max_delta must be non-negative.')


def random_brightness(image, max_delta, seed=None):
    _check_delta(max_delta)
    delta = _tf.random.uniform([], -max_delta, max_delta, seed=seed)
    return adjust_brightness(image, delta)


def stateless_random_brightness(image, max_delta, seed):
    _check_delta(max_delta)
    delta = _tf.random.stateless_uniform(shape=[], minval=-max_delta, maxval=max_delta, seed=seed)
    return adjust_brightness(image, delta)


def random_contrast(image, lower, upper, seed=None):
    _check_range(lower, upper)
    contrast_factor = _tf.random.uniform([], lower, upper, seed=seed)
    return adjust_contrast(image, contrast_factor)


def stateless_random_contrast(image, lower, upper, seed):
    _check_range(lower, upper)
    contrast_factor = _tf.random.stateless_uniform(shape=[], minval=lower, maxval=upper, seed=seed)
    return adjust_contrast(image, contrast_factor)


def random_hue(image, max_delta, seed=None):
    _check_delta(max_delta, 0.5)
    delta = _tf.random.uniform([], -max_delta, max_delta, seed=seed)
    return adjust_hue(image, delta)


def stateless_random_hue(image, max_delta, seed):
    _check_delta(max_delta, 0.5)
    delta = _tf.random.stateless_uniform(shape=[], minval=-max_delta, maxval=max_delta, seed=seed)
    return adjust_hue(image, delta)


def random_saturation(image, lower, upper, seed=None):
    _check_range(lower, upper)
    saturation_factor = _tf.random.uniform([], lower, upper, seed=seed)
    return adjust_saturation(image, saturation_factor)


def stateless_random_saturation(image, lower, upper, seed=None):
    _check_range(lower, upper)
    saturation_factor = _tf.random.stateless_uniform(shape=[], minval=lower, maxval=upper, seed=seed)
    return adjust_saturation(image, saturation_factor)


def _crop_offsets(value, size):
    value = _convert(value)
    size = _tf.convert_to_tensor(size, dtype=_tf.int32)
    shape = _tf.shape(value)
    if size.shape.ndims != 1 or size.shape[0] != shape.shape[0]:
        raise ValueError('Shapes must be equal rank, but are %d and %d' % (shape.shape[0], size.shape[0]))
    if not bool(_tf.reduce_all(shape >= size)):
        raise _tf.errors.InvalidArgumentError(
            None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
            "Summarized data: b'Need value.shape >= size, got '")
    return value, size, shape - size + 1


def random_crop(value, size, seed=None, name=None):
    value, size, limit = _crop_offsets(value, size)
    offset = _tf.random.uniform(_tf.shape(limit), dtype=_tf.int32, maxval=2147483647, seed=seed) % limit
    return _tf.slice(value, offset, size)


def stateless_random_crop(value, size, seed, name=None):
    value, size, limit = _crop_offsets(value, size)
    offset = _tf.random.stateless_uniform(_tf.shape(limit), dtype=_tf.int32, maxval=2147483647, seed=seed) % limit
    return _tf.slice(value, offset, size)


# ---- measures and filters ---------------------------------------------------------------

def total_variation(images, name=None):
    ndims = images.shape.ndims
    if ndims == 3:
        pixel_dif1 = images[1:, :, :] - images[:-1, :, :]
        pixel_dif2 = images[:, 1:, :] - images[:, :-1, :]
        sum_axis = None
    elif ndims == 4:
        pixel_dif1 = images[:, 1:, :, :] - images[:, :-1, :, :]
        pixel_dif2 = images[:, :, 1:, :] - images[:, :, :-1, :]
        sum_axis = [1, 2, 3]
    else:
        raise ValueError("'images' must be either 3 or 4-dimensional.")
    return _tf.reduce_sum(_tf.abs(pixel_dif1), axis=sum_axis) + _tf.reduce_sum(_tf.abs(pixel_dif2), axis=sum_axis)


def _verify_compatible(img1, img2):
    s1, s2 = img1.shape, img2.shape
    if s1.ndims < 3:
        raise ValueError('Shape %s must have rank at least 3' % s1)
    if s2.ndims < 3:
        raise ValueError('Shape %s must have rank at least 3' % s2)
    if list(s1[-3:]) != list(s2[-3:]):
        raise ValueError('Shapes %s and %s are incompatible' % (s1[-3:], s2[-3:]))


def psnr(a, b, max_val, name=None):
    a = _convert(a)
    b = _convert(b)
    max_val = _tf.cast(max_val, a.dtype)
    max_val = convert_image_dtype(max_val, _tf.float32)
    a = convert_image_dtype(a, _tf.float32)
    b = convert_image_dtype(b, _tf.float32)
    mse = _tf.reduce_mean(_tf.math.squared_difference(a, b), [-3, -2, -1])
    psnr_val = _tf.subtract(20 * _tf.math.log(max_val) / _tf.math.log(10.0),
                            _tf.constant(4.3429448190325175, _tf.float32) * _tf.math.log(mse))
    _verify_compatible(a, b)
    return psnr_val


def _ssim_helper(x, y, reducer, max_val, compensation=1.0, k1=0.01, k2=0.03):
    c1 = (k1 * max_val) ** 2
    c2 = (k2 * max_val) ** 2
    mean0 = reducer(x)
    mean1 = reducer(y)
    num0 = mean0 * mean1 * 2.0
    den0 = _tf.square(mean0) + _tf.square(mean1)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = reducer(x * y) * 2.0
    den1 = reducer(_tf.square(x) + _tf.square(y))
    c2 *= compensation
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    return luminance, cs


def _fspecial_gauss(size, sigma):
    coords = _tf.cast(_tf.range(size), sigma.dtype)
    coords -= _tf.cast(size - 1, sigma.dtype) / 2.0
    g = _tf.square(coords)
    g *= -0.5 / _tf.square(sigma)
    g = _tf.reshape(g, shape=[1, -1]) + _tf.reshape(g, shape=[-1, 1])
    g = _tf.reshape(g, shape=[1, -1])
    g = _tf.nn.softmax(g)
    return _tf.reshape(g, shape=[size, size, 1, 1])


def _ssim_per_channel(img1, img2, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01,
                      k2=0.03, return_index_map=False):
    filter_sigma = _tf.constant(filter_sigma, dtype=img1.dtype)
    shape1 = img1.shape
    shape2 = img2.shape
    if shape1[-3] < filter_size or shape1[-2] < filter_size:
        raise _tf.errors.InvalidArgumentError(None, None, 'assertion failed: [%s] [%d]' % (list(shape1), filter_size))
    if shape2[-3] < filter_size or shape2[-2] < filter_size:
        raise _tf.errors.InvalidArgumentError(None, None, 'assertion failed: [%s] [%d]' % (list(shape2), filter_size))
    kernel = _fspecial_gauss(filter_size, filter_sigma)
    kernel = _tf.tile(kernel, multiples=[1, 1, shape1[-1], 1])
    compensation = 1.0

    def reducer(x):
        shape = _tf.shape(x)
        x = _tf.reshape(x, shape=_tf.concat([[-1], shape[-3:]], 0))
        y = _tf.nn.depthwise_conv2d(x, kernel, strides=[1, 1, 1, 1], padding='VALID')
        return _tf.reshape(y, _tf.concat([shape[:-3], _tf.shape(y)[1:]], 0))

    luminance, cs = _ssim_helper(img1, img2, reducer, max_val, compensation, k1, k2)
    if return_index_map:
        ssim_val = luminance * cs
    else:
        ssim_val = _tf.reduce_mean(luminance * cs, [-3, -2])
        cs = _tf.reduce_mean(cs, [-3, -2])
    return ssim_val, cs


def ssim(img1, img2, max_val, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03,
         return_index_map=False):
    img1 = _convert(img1)
    img2 = _convert(img2)
    _verify_compatible(img1, img2)
    max_val = _tf.cast(max_val, img1.dtype)
    max_val = convert_image_dtype(max_val, _tf.float32)
    img1 = convert_image_dtype(img1, _tf.float32)
    img2 = convert_image_dtype(img2, _tf.float32)
    ssim_per_channel, _ = _ssim_per_channel(img1, img2, max_val, filter_size, filter_sigma,
                                            k1, k2, return_index_map)
    return _tf.reduce_mean(ssim_per_channel, [-1])


_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def ssim_multiscale(img1, img2, max_val, power_factors=_MSSSIM_WEIGHTS, filter_size=11,
                    filter_sigma=1.5, k1=0.01, k2=0.03):
    img1 = _convert(img1)
    img2 = _convert(img2)
    _verify_compatible(img1, img2)
    max_val = _tf.cast(max_val, img1.dtype)
    max_val = convert_image_dtype(max_val, _tf.float32)
    img1 = convert_image_dtype(img1, _tf.float32)
    img2 = convert_image_dtype(img2, _tf.float32)
    imgs = [img1, img2]
    heads = [list(x.shape[:-3]) for x in imgs]
    tails = [list(x.shape[-3:]) for x in imgs]
    divisor = [1, 2, 2, 1]
    mcs = []
    ssim_per_channel = None
    for k in range(len(power_factors)):
        if k > 0:
            flat_imgs = [_tf.reshape(x, [-1] + t) for x, t in zip(imgs, tails)]
            remainder = [t % d for t, d in zip(tails[0], divisor[1:])]
            if any(r != 0 for r in remainder):
                padding = [[0, 0]] + [[0, r] for r in remainder]
                flat_imgs = [_tf.pad(x, padding, mode='SYMMETRIC') for x in flat_imgs]
            downscaled = [_tf.nn.avg_pool(x, ksize=divisor, strides=divisor, padding='VALID')
                          for x in flat_imgs]
            tails = [list(x.shape[1:]) for x in downscaled]
            imgs = [_tf.reshape(x, h + t) for x, h, t in zip(downscaled, heads, tails)]
        ssim_per_channel, cs = _ssim_per_channel(imgs[0], imgs[1], max_val=max_val,
                                                 filter_size=filter_size,
                                                 filter_sigma=filter_sigma, k1=k1, k2=k2)
        mcs.append(_tf.nn.relu(cs))
    mcs.pop()
    mcs_and_ssim = _tf.stack(mcs + [_tf.nn.relu(ssim_per_channel)], axis=-1)
    ms_ssim = _tf.reduce_prod(_tf.pow(mcs_and_ssim, power_factors), [-1])
    return _tf.reduce_mean(ms_ssim, [-1])


def image_gradients(image):
    if image.shape.ndims != 4:
        raise ValueError('image_gradients expects a 4D tensor [batch_size, h, w, d], not {}.'.format(image.shape))
    batch_size, height, width, depth = image.shape
    dy = image[:, 1:, :, :] - image[:, :-1, :, :]
    dx = image[:, :, 1:, :] - image[:, :, :-1, :]
    dy = _tf.concat([dy, _tf.zeros([batch_size, 1, width, depth], image.dtype)], 1)
    dx = _tf.concat([dx, _tf.zeros([batch_size, height, 1, depth], image.dtype)], 2)
    return dy, dx


def sobel_edges(image):
    image = _convert(image)
    kernels = [[[-1, -2, -1], [0, 0, 0], [1, 2, 1]], [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]]
    kernels_tf = _tf.transpose(_tf.constant(kernels, dtype=image.dtype), [1, 2, 0])
    kernels_tf = _tf.expand_dims(kernels_tf, -2)
    kernels_tf = _tf.tile(kernels_tf, [1, 1, image.shape[-1], 1])
    padded = _tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]], mode='REFLECT')
    output = _tf.nn.depthwise_conv2d(padded, kernels_tf, [1, 1, 1, 1], 'VALID')
    return _tf.reshape(output, list(image.shape) + [2])


def adjust_jpeg_quality(image, jpeg_quality, name=None):
    image = _tf.convert_to_tensor(image)
    channels = image.shape.as_list()[-1]
    orig_dtype = image.dtype
    image = convert_image_dtype(image, _tf.uint8, saturate=True)
    if not _is_tensor(jpeg_quality):
        jpeg_quality = _tf.convert_to_tensor(jpeg_quality, dtype=_tf.int32)
    image = _encode_jpeg_variable_quality(image, jpeg_quality)
    image = _tf.io.decode_jpeg(image, channels=channels)
    return convert_image_dtype(image, orig_dtype, saturate=True)


def _check_jpeg_range(min_jpeg_quality, max_jpeg_quality):
    if (min_jpeg_quality < 0 or max_jpeg_quality < 0 or min_jpeg_quality > 100 or
            max_jpeg_quality > 100):
        raise ValueError('jpeg encoding range must be between 0 and 100.')
    if min_jpeg_quality >= max_jpeg_quality:
        raise ValueError('`min_jpeg_quality` must be less than `max_jpeg_quality`.')


def random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed=None):
    _check_jpeg_range(min_jpeg_quality, max_jpeg_quality)
    jpeg_quality = _tf.random.uniform([], min_jpeg_quality, max_jpeg_quality, seed=seed,
                                      dtype=_tf.int32)
    return adjust_jpeg_quality(image, jpeg_quality)


def stateless_random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed):
    _check_jpeg_range(min_jpeg_quality, max_jpeg_quality)
    jpeg_quality = _tf.random.stateless_uniform(shape=[], minval=min_jpeg_quality,
                                                maxval=max_jpeg_quality, seed=seed,
                                                dtype=_tf.int32)
    return adjust_jpeg_quality(image, jpeg_quality)
