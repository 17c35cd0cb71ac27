round(0.5)
round(1.5)
round(2.5)
round(-0.5)
round(-1.5)
round(2.675, 2)
round(0.125, 2)
round(0.375, 2)
round(1.005, 2)
round(123.456, -1)
round(123.456, -2)
round(1e300, -300)
round(5e-324, 400)
round(-0.4)
round(-0.04, 1)
round(1.23456789, 5)
round(float('inf'))
round(float('nan'))
round(float('inf'), 2)
round(2.5, None)
round(1.5, 1.0)
type(round(2.5)).__name__
type(round(2.5, 0)).__name__
divmod(7, 2)
divmod(-7, 2)
divmod(7, -2)
divmod(7.5, 2)
divmod(-7.5, 2)
divmod(7, 0)
divmod(7.0, 0)
divmod(7, 0.0)
1 // 0.1
1 % 0.1
-1 % 0.3
5.5 % -2
-0.0 // 1
0.0 % -1
7 // 0.0
7 % 0.0
7.0 / 0
pow(2, 10, 1000)
pow(2, -1, 7)
pow(3, -2, 7)
pow(2, -1, 4)
pow(2, 3, 0)
pow(-2, 3, 5)
pow(2, 3, -5)
pow(2.0, 3, 5)
pow(2, 0.5)
pow(0, -1)
0.1
0.1 + 0.2
1e16
1e15
123456789012345678.0
1e-4
1e-5
0.0001234
-0.0
float('inf')
-float('inf')
float('nan')
1.0
2.5e-310
1.7976931348623157e308
3.0 * 1.1
[0.1, -0.0, 1e100]
(2.0).is_integer()
(2.5).is_integer()
(0.75).as_integer_ratio()
(-0.1).as_integer_ratio()
float('nan').as_integer_ratio()
(0.1).hex()
(1.0).hex()
(-0.0).hex()
float.fromhex('0x1.8p1')
float.fromhex('-0x1p-2')
(5).bit_length()
(255).to_bytes(2, 'little')
(3).as_integer_ratio()
abs(-2.5)
abs(-0.0)
int(2.9)
int(-2.9)
int(float('inf'))
int(float('nan'))
int('12', 1)
int('z', 36)
int('0b101', 0)
int('010', 0)
int('1_', 10)
int(' 7 ')
int(3.0, 10)
float('1_000.5')
float('abc')
[1, 2, 3][True]
7 // 2
-7 // 2
-7 % 3
7 % -3
2 ** 0.5
(-8) ** 2
10 ** -2
True + True
