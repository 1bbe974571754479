# spwd: getspnam/getspall results (or the same error as CPython when the
# shadow file is unreadable), struct_spwd and argument errors.
import warnings

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    import spwd
print([str(x.message) for x in w], [x.category.__name__ for x in w])
T = spwd.struct_spwd
print(T.__module__, T.__name__, T.n_sequence_fields, T.n_fields, T.__doc__.splitlines()[0])
try:
    e = spwd.getspnam('root')
    print(len(e), e.sp_namp, e.sp_nam == e.sp_namp, e.sp_pwd == e.sp_pwdp, type(e.sp_lstchg).__name__,
          e[2:], type(e).__name__)
    allents = spwd.getspall()
    print(len(allents) > 0, 'root' in [x.sp_namp for x in allents], allents[0] == spwd.getspnam(allents[0][0]))
except PermissionError as ex:
    print('PermissionError', ex.errno)
for a in ['no-such-user-xyz', 'a\0b', 1]:
    try:
        spwd.getspnam(a)
    except Exception as ex:
        print(type(ex).__name__, ex)
print(spwd.getspnam.__text_signature__, spwd.__doc__.splitlines()[0])
