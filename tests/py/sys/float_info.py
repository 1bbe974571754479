# sys.float_info fields have the right values and types; values derived from it.
import sys, math
print(sys.float_info)
print([type(x).__name__ for x in sys.float_info])
print(sys.float_info.min * sys.float_info.epsilon, math.ulp(1.0) == sys.float_info.epsilon)
print(sys.int_info, sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf, sys.maxsize)
