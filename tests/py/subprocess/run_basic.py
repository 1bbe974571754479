import subprocess, sys, os
r = subprocess.run(['echo', 'hi'], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output(['sh', '-c', 'echo out; echo err >&2'], stderr=subprocess.STDOUT))
print(subprocess.run(['sh', '-c', 'exit 3']).returncode)
try:
    subprocess.check_call(['sh', '-c', 'exit 2'])
except subprocess.CalledProcessError as e:
    print('CalledProcessError', e.returncode, e)
p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b'hello through cat\n' * 3)
print(out, err, p.returncode)
p = subprocess.Popen(['tr', 'a-z', 'A-Z'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
print(repr(p.communicate('text mode\n')[0]))
print(subprocess.run(['pwd'], cwd='/tmp', capture_output=True, text=True).stdout)
print(subprocess.run(['sh', '-c', 'echo $FOO'], env={'FOO': 'bar', 'PATH': os.environ['PATH']},
                     capture_output=True).stdout)
try:
    subprocess.run(['/nonexistent/program'])
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno, e.filename)
try:
    subprocess.run(['ls'], cwd='/nonexistent-dir')
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno, e.filename)
try:
    subprocess.run(['sleep', '5'], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print('TimeoutExpired', e.cmd)
try:
    subprocess.run(['true'], preexec_fn=lambda: 1 / 0)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
r = subprocess.run(['sh', '-c', 'umask'], umask=0o027, capture_output=True)
print(r.stdout)
rfd, wfd = os.pipe()
r = subprocess.run(['sh', '-c', f'echo passed >&{wfd}'], pass_fds=[wfd])
os.close(wfd)
print(os.read(rfd, 100))
print(subprocess.getoutput('echo getoutput'), subprocess.getstatusoutput('exit 4'))
p = subprocess.Popen([sys.executable, '-c', 'import sys; sys.stdout.write(sys.stdin.read().upper())'],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
print(p.communicate(b'child python')[0], p.wait())
p = subprocess.Popen(['sleep', '10'])
p.terminate()
print(p.wait())
print(subprocess.run(['sh', '-c', 'echo $$ > /dev/null; ps -o sid= -p $$ >/dev/null 2>&1; echo ok'],
                     start_new_session=True, capture_output=True).stdout)
