# unittest: a suite run in-process with a text runner writing to a StringIO; results, skips, failures.
import io, unittest
class T(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared = [1, 2, 3]
    def setUp(self):
        self.x = 10
    def test_ok(self):
        self.assertEqual(self.x, 10)
        self.assertIn(2, self.shared)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)
        with self.assertRaisesRegex(ValueError, "inv.*d"):
            int("invalid")
    def test_fail(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])
    def test_dict_fail(self):
        self.assertDictEqual({"a": 1}, {"a": 2})
    def test_error(self):
        raise KeyError("oops")
    @unittest.skip("not today")
    def test_skip(self):
        pass
    @unittest.expectedFailure
    def test_xfail(self):
        self.assertTrue(False)
    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)
    def test_multiline(self):
        self.assertMultiLineEqual("a\nb\nc\n", "a\nB\nc\n")
class U(unittest.TestCase):
    def test_warns(self):
        import warnings
        with self.assertWarns(DeprecationWarning):
            warnings.warn("old", DeprecationWarning)
    def test_logs(self):
        import logging
        with self.assertLogs("x", level="INFO") as cm:
            logging.getLogger("x").info("hi")
        self.assertEqual(cm.output, ["INFO:x:hi"])
loader = unittest.TestLoader()
suite = unittest.TestSuite([loader.loadTestsFromTestCase(T), loader.loadTestsFromTestCase(U)])
stream = io.StringIO()
res = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
out = stream.getvalue()
import re
out = re.sub(r"Ran (\d+) tests in [0-9.]+s", r"Ran \1 tests in Xs", out)
out = re.sub(r'File ".*?/(\w+\.py)"', r'File "\1"', out)
print(out)
print(res.testsRun, len(res.failures), len(res.errors), len(res.skipped), len(res.expectedFailures), res.wasSuccessful())
