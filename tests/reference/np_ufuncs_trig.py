import numpy as np
x = np.array([-0.9, -0.25, 0.0, 0.3, 0.75])
print(np.tan(x), np.arcsin(x), np.arccos(x), np.arctan(x))
print(np.sinh(x), np.cosh(x), np.expm1(x), np.exp2(x), np.cbrt(x * 8))
print(np.rint([0.5, 1.5, -2.5, 2.6]), np.trunc([-1.7, 1.7]), np.fix([-2.5, 2.5]))
print(np.deg2rad([0, 90, 180, 360]), np.rad2deg([np.pi, np.pi / 4]), np.radians(45.0), np.degrees(1))
print(np.amax([[1, 5], [3, 2]], axis=0), np.amin([[1, 5], [3, 2]]), np.tan(1), np.arctan(3))
