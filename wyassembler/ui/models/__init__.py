"""The Qt item models over the core: the outline tree and the sign-off matrix."""
