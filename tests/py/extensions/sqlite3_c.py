# _sqlite3 (lib-dynload): in-memory database, queries, parameters, rows, transactions, functions.
import sqlite3

print(sqlite3.sqlite_version_info >= (3, 0, 0), sqlite3.paramstyle, sqlite3.threadsafety in (0, 1, 3))
con = sqlite3.connect(":memory:")
cur = con.cursor()
cur.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)")
cur.executemany("INSERT INTO t (name, score, data) VALUES (?, ?, ?)",
                [("ann", 9.5, b"\x00\x01"), ("bob", 7.25, None), ("cid", 8.0, b"xyz")])
con.commit()
print(cur.lastrowid, cur.rowcount)
for row in cur.execute("SELECT * FROM t ORDER BY score DESC"):
    print(row)
print(cur.execute("SELECT count(*), avg(score), max(name) FROM t").fetchone())
print(cur.execute("SELECT name FROM t WHERE score > :s", {"s": 7.5}).fetchall())
con.row_factory = sqlite3.Row
r = con.execute("SELECT id, name FROM t WHERE id = ?", (2,)).fetchone()
print(r["name"], r[0], r.keys(), tuple(r))
con.row_factory = None
con.create_function("rev", 1, lambda s: s[::-1])
print(con.execute("SELECT rev(name) FROM t ORDER BY id").fetchall())
class Agg:
    def __init__(self):
        self.n = 0
    def step(self, v):
        self.n += len(v)
    def finalize(self):
        return self.n
con.create_aggregate("totlen", 1, Agg)
print(con.execute("SELECT totlen(name) FROM t").fetchone())
con.create_collation("rev", lambda a, b: (a < b) - (a > b))
print(con.execute("SELECT name FROM t ORDER BY name COLLATE rev").fetchall())
try:
    con.execute("SELECT * FROM missing")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
try:
    con.execute("INSERT INTO t (id, name) VALUES (1, 'dup')")
except sqlite3.IntegrityError as e:
    print("IntegrityError", e)
with con:
    con.execute("UPDATE t SET score = score + 1")
print(con.execute("SELECT sum(score) FROM t").fetchone(), con.in_transaction)
try:
    with con:
        con.execute("DELETE FROM t")
        raise ValueError("rollback")
except ValueError:
    pass
print(con.execute("SELECT count(*) FROM t").fetchone())
print(list(con.iterdump())[:3])
cur.close()
con.close()
try:
    con.execute("SELECT 1")
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
