# readline (lib-dynload, GNU readline): history and completer state, without a terminal.
import readline

readline.clear_history()
for line in ["first", "second", "third"]:
    readline.add_history(line)
print(readline.get_current_history_length(), readline.get_history_item(1), readline.get_history_item(3))
readline.replace_history_item(1, "SECOND")
print(readline.get_history_item(2))
readline.remove_history_item(0)
print([readline.get_history_item(i) for i in range(1, readline.get_current_history_length() + 1)])
readline.set_history_length(50)
print(readline.get_history_length())
def completer(text, state):
    return [w for w in ["alpha", "alpine", "beta"] if w.startswith(text)][state:state + 1] or None
readline.set_completer(completer)
print(readline.get_completer() is completer, readline.get_completer_delims() != "")
readline.set_completer_delims(" \t")
print(repr(readline.get_completer_delims()))
readline.parse_and_bind("tab: complete")
print(readline.get_begidx(), readline.get_endidx(), readline.get_line_buffer() == "")
try:
    readline.remove_history_item(99)
except ValueError as e:
    print("ValueError", e)
readline.clear_history()
print(readline.get_current_history_length())
