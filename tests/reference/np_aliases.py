import numpy as np
np.float_, np.int_, np.intc, np.uintc, np.byte, np.ubyte, np.short, np.ushort
np.csingle, np.cdouble, np.complex_
np.array([1, 2], dtype=np.float_), np.zeros(2, dtype=np.int_), np.ones(2, np.intc)
np.NaN, np.NAN, np.Inf, np.Infinity, np.PINF, np.NINF, np.infty, np.PZERO, np.NZERO, np.euler_gamma
np.isnan(np.NaN), np.array([np.Inf, np.NINF])
