# _struct: packing every integer/float format under each byte order; range-error messages.
import struct
def e(f,*a,**k):
  try: print(repr(f(*a,**k)))
  except Exception as x: print(type(x).__name__, x)
vals=[-2**64,-2**63-1,-2**63,-2**31-1,-2**31,-32769,-32768,-129,-128,-1,0,1,127,128,255,256,32767,32768,65535,65536,2**31-1,2**31,2**32-1,2**32,2**63-1,2**63,2**64-1,2**64, 1.5, 'x', True]
for m in '@=<>':
  for c in 'bBhHiIlLqQnNP':
    if m!='@' and c in 'nNP': continue
    r=[]
    for v in vals:
      try: r.append(struct.pack(m+c,v).hex())
      except Exception as x: r.append(type(x).__name__+':'+str(x))
    print(m,c,sorted(set(r),key=r.index))
for m in '@<>':
  for c in 'efd':
    for v in [1e300,-1e300,1e10,65504.0,65520.0,float('nan'),float('inf'),1,'x',2**2000]:
      e(struct.pack,m+c,v)
