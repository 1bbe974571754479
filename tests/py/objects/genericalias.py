# types.GenericAlias: repr, parameters and substitution, unpacking, equality,
# calls, attribute forwarding, pickling, `|`, as CPython 3.11.
import types, typing, pickle, copy
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
G = types.GenericAlias
T = typing.TypeVar('T'); S = typing.TypeVar('S'); P = typing.ParamSpec('P'); Ts = typing.TypeVarTuple('Ts')
t(lambda: sorted(G.__dict__))
t(lambda: G.__name__); t(lambda: G.__module__); t(lambda: G.__doc__)
t(lambda: list[int]); t(lambda: dict[str, list[int]]); t(lambda: tuple[()]); t(lambda: tuple[int, ...]); t(lambda: list[T])
t(lambda: [*tuple[int]]); t(lambda: next(iter(tuple[int, str])).__unpacked__); t(lambda: tuple[int].__unpacked__)
t(lambda: list[int].__origin__); t(lambda: dict[str, int].__args__); t(lambda: list[int].__parameters__); t(lambda: dict[T, list[S]].__parameters__)
t(lambda: dict[T, list[S]][str, int]); t(lambda: list[T][int]); t(lambda: list[int][int]); t(lambda: dict[T, S][int]); t(lambda: dict[T, S][int, str, float])
t(lambda: list[int] == list[int]); t(lambda: list[int] == list[str]); t(lambda: list[int] != list[int]); t(lambda: list[int] == list); t(lambda: hash(list[int]) == hash(list[int]))
t(lambda: list[int] | None); t(lambda: list[int] | int); t(lambda: None | list[int]); t(lambda: list[int] | "x")
t(lambda: isinstance([], list[int])); t(lambda: issubclass(list, list[int]))
t(lambda: list[int]([1,2])); t(lambda: list[int]([1,2]).__class__)
class C:
    pass
t(lambda: G(C, int)().__orig_class__)
t(lambda: G(C, (int, str)))
t(lambda: G(C, ()))
t(lambda: G(list, int, x=1)); t(lambda: G(list)); t(lambda: G(list, int, 3))
t(lambda: list[int].append); t(lambda: list[int].__name__); t(lambda: list[int].__qualname__); t(lambda: list[int].__module__); t(lambda: list[int].__doc__ == list.__doc__); t(lambda: list[int].__class__)
t(lambda: list[int].__mro_entries__((list[int],))); 
class D(list[int]): pass
t(lambda: D.__mro__); t(lambda: D.__orig_bases__)
t(lambda: list[int].__reduce__()); t(lambda: pickle.loads(pickle.dumps(list[int]))); t(lambda: pickle.loads(pickle.dumps(dict[str, T])))
t(lambda: copy.copy(list[int])); t(lambda: copy.deepcopy(list[int]))

t(lambda: pickle.loads(pickle.dumps(next(iter(tuple[int])))))
t(lambda: sorted(set(dir(list[int])) - set(dir(list))))
t(lambda: list[int].__typing_unpacked_tuple_args__); t(lambda: next(iter(tuple[int,str])).__typing_unpacked_tuple_args__); t(lambda: next(iter(list[int])).__typing_unpacked_tuple_args__)
t(lambda: tuple[T, *Ts][int, str, float]); t(lambda: tuple[*Ts][int, str]); t(lambda: tuple[T, *Ts].__parameters__)
t(lambda: typing.Callable[P, T]); t(lambda: list[P].__parameters__)
t(lambda: list[int, str]); t(lambda: list[...]); t(lambda: list[[int, str]]); t(lambda: list[list]); t(lambda: list[typing.List[int]])
t(lambda: tuple[int, *tuple[str, ...]]); t(lambda: tuple[*tuple[int, str]][()])
t(lambda: tuple[T][*tuple[int]]); 
t(lambda: list[int].__parameters__ is list[int].__parameters__)
t(lambda: list[T][T])
t(lambda: list[T][S].__parameters__)
it = iter(tuple[int]); t(lambda: type(it)); t(lambda: next(it)); t(lambda: next(it)); t(lambda: it.__reduce__())
t(lambda: setattr(list[int], '__origin__', 1))
t(lambda: list[int].__weakref__ is None)
t(lambda: type(list[int]).__flags__ & (1<<10))
class G2(G): pass
t(lambda: G2(list, int)); t(lambda: type(G2(list, int)[int] if False else G2(list,(T,))[int]))
t(lambda: list[int] | list[int])
t(lambda: G(list, [int]))
t(lambda: len(list[int].__args__))
