"""Raw passes of a TorchScript detector in PyTorch itself (the external reference of docs/benchmarks.md, Detection).

Usage: /usr/bin/python3 torch_passes.py MODEL.pt REPETITIONS [THREADS]

Times, on one random 1 x 3 x 288 x 384 input, the forward pass without autograd and the forward + backward pass of
sum(output) to the input (what a vanishing attack takes per step), and prints the median and the minimum.
"""
import sys, time, torch
model = torch.jit.load(sys.argv[1]).eval()
reps = int(sys.argv[2])
if len(sys.argv) > 3:
    torch.set_num_threads(int(sys.argv[3]))
torch.manual_seed(1)
x = torch.rand(1, 3, 288, 384)
fwd, vjp = [], []
for r in range(-5, reps):
    t0 = time.perf_counter()
    with torch.no_grad():
        model(x)
    t1 = time.perf_counter()
    xi = x.clone().requires_grad_(True)
    out = model(xi)
    g, = torch.autograd.grad(out.sum(), xi)
    t2 = time.perf_counter()
    if r >= 0:
        fwd.append((t1 - t0) * 1e3); vjp.append((t2 - t1) * 1e3)
fwd.sort(); vjp.sort()
print(f"PyTorch {torch.__version__} from Python, threads={torch.get_num_threads()}: forward p50 {fwd[reps//2]:.2f} ms min {fwd[0]:.2f} ms; forward+backward p50 {vjp[reps//2]:.2f} ms min {vjp[0]:.2f} ms")
