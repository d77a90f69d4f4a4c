"""Video models run on this machine from open weights (the `diffusers` extra)."""
