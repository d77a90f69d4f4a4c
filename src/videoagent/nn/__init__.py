"""Model building blocks and architectures (PyTorch, an optional extra): frame autoencoders
now; the diffusion transformer, flow matching and the text encoder come next. Nothing here
knows about agents."""
