"""A procedural 2D world: scene spec (`spec`) → frames with exact ground truth (`render`,
`truth`), prompts read (`prompt_parser`) and written (`captioner`)."""
