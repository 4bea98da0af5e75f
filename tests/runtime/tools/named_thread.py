# Calls getppid() from a thread renamed "worker" (prctl PR_SET_NAME),
# then from the main thread.
import ctypes, os, threading
def work():
    ctypes.CDLL(None).prctl(15, b"worker", 0, 0, 0)
    os.getppid()
t = threading.Thread(target=work); t.start(); t.join()
os.getppid()
