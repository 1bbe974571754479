import pwd, grp
print(pwd.getpwuid(0))
print(pwd.getpwnam('root'), pwd.getpwnam('root').pw_dir)
print(grp.getgrgid(0), grp.getgrnam('root').gr_mem, grp.getgrgid(id=0).gr_name)
print(type(pwd.getpwall()), all(isinstance(p, pwd.struct_passwd) for p in pwd.getpwall()))
print(len(pwd.getpwall()) > 0, len(grp.getgrall()) > 0)
print(pwd.struct_passwd.n_fields, grp.struct_group.n_fields, pwd.struct_passwd.__doc__)
for f, a in [(pwd.getpwuid, -5), (pwd.getpwuid, 123456), (pwd.getpwnam, 'nosuch'), (pwd.getpwuid, 'x'),
             (grp.getgrgid, 99999), (grp.getgrnam, 'nosuch'), (grp.getgrgid, 2**40), (pwd.getpwnam, 'a\0b'),
             (grp.getgrgid, 1.5), (pwd.getpwuid, 2**40), (grp.getgrgid, -1), (grp.getgrgid, 2**32 - 1),
             (grp.getgrgid, 2**64), (pwd.getpwnam, 5), (grp.getgrnam, 5), (pwd.getpwuid, True)]:
    try:
        print(f(a))
    except Exception as e:
        print(f.__name__, repr(a), type(e).__name__, e)
print(pwd.getpwuid.__text_signature__, grp.getgrgid.__text_signature__)
