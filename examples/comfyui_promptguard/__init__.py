"""promptguard for ComfyUI: a node that checks a prompt before it reaches the sampler.

Install: copy (or symlink) this folder into `ComfyUI/custom_nodes/`. Wire your prompt text
into "promptguard check" and its output into CLIP Text Encode. A prompt that promptguard
blocks, or that needs written approval, stops the queue with the reason.
"""

from .nodes import NODE_CLASS_MAPPINGS, NODE_DISPLAY_NAME_MAPPINGS, PromptGuardCheck

__all__ = ["NODE_CLASS_MAPPINGS", "NODE_DISPLAY_NAME_MAPPINGS", "PromptGuardCheck"]
