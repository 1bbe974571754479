# Misbehaving extension modules (CPython's _testmultiphase test module) raise SystemError, never crash.
import importlib.util, importlib.machinery
spec0 = importlib.util.find_spec("_testmultiphase")
for name_base in ['bad_slot_large', 'bad_slot_negative', 'create_int_with_state', 'negative_size', 'export_null',
                  'export_uninitialized', 'export_raise', 'export_unreported_exception', 'create_null', 'create_raise',
                  'create_unreported_exception', 'nonmodule_with_exec_slots', 'exec_err', 'exec_raise',
                  'exec_unreported_exception']:
    name = "_testmultiphase_" + name_base
    print(name_base, end=": ", flush=True)
    loader = importlib.machinery.ExtensionFileLoader(name, spec0.origin)
    spec = importlib.util.spec_from_loader(name, loader)
    try:
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        print("loaded?!")
    except SystemError as e:
        print("SystemError:", e)
    except Exception as e:
        print(type(e).__name__, e)
