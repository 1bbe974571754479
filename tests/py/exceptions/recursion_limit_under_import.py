# The recursion limit counts C-level nesting (here: an import) together with Python
# frames, so recursion in both body and handler stays bounded below a deep C stack.
import sys
sys.path.insert(0, "_rl")
import deep_handler_recursion
print(deep_handler_recursion.calls)
