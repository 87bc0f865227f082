"""promptguard for Blender: check a prompt with the local service before an add-on sends it.

Install: zip this folder and use Edit > Preferences > Add-ons > Install, then enable
"promptguard". Start the service next to Blender (`promptguard serve`). Other add-ons that
send prompts to a generative-AI tool call, before sending:

    bpy.ops.promptguard.check_prompt(text=prompt, tool="stable-diffusion", purpose="moodboard")

which returns {'FINISHED'} when the prompt may be sent and {'CANCELLED'} (with the reason
in Blender's status bar and Info log) when it may not. Or, from Python,
`blender_promptguard.guard.guarded_send(prompt, send, ...)`.

The logic lives in `guard.py`, which needs neither Blender nor promptguard installed: the
Blender side below is only the UI glue, and is skipped when `bpy` cannot be imported (tests).
"""

from __future__ import annotations

from . import guard

try:  # Blender only: everything else in this package works without it
    import bpy
except ImportError:  # pragma: no cover - exercised by importing outside Blender
    bpy = None

bl_info = {
    "name": "promptguard",
    "author": "promptguard contributors",
    "version": (0, 1, 0),
    "blender": (3, 6, 0),
    "location": "Operator: promptguard.check_prompt; Preferences > Add-ons > promptguard",
    "description": "Checks prompts with promptguard before they are sent to AI tools",
    "category": "System",
}

if bpy is not None:

    class PromptGuardPreferences(bpy.types.AddonPreferences):
        bl_idname = __package__

        service_url: bpy.props.StringProperty(name="Service URL", default=guard.DEFAULT_URL)
        token: bpy.props.StringProperty(name="Token", subtype="PASSWORD", default="")
        tool: bpy.props.StringProperty(name="Default tool", default="blender")

        def draw(self, context):  # noqa: ANN001, ANN201
            for name in ("service_url", "token", "tool"):
                self.layout.prop(self, name)

    class PROMPTGUARD_OT_check_prompt(bpy.types.Operator):  # noqa: N801 - Blender naming
        """Check a prompt with promptguard before it is sent"""

        bl_idname = "promptguard.check_prompt"
        bl_label = "promptguard: check prompt"

        text: bpy.props.StringProperty(name="Prompt")
        tool: bpy.props.StringProperty(name="Tool", default="")
        purpose: bpy.props.EnumProperty(
            name="Purpose", items=[(p, p, "") for p in guard.PURPOSES], default="ideation"
        )

        def execute(self, context):  # noqa: ANN001, ANN201
            prefs = context.preferences.addons[__package__].preferences
            result = guard.check_prompt(
                self.text,
                tool=self.tool or prefs.tool,
                purpose=self.purpose,
                url=prefs.service_url,
                token=prefs.token or None,
            )
            if result.allowed:
                self.report({"INFO"}, result.message)
                return {"FINISHED"}
            self.report({"ERROR"}, result.message)
            return {"CANCELLED"}

    _CLASSES = (PromptGuardPreferences, PROMPTGUARD_OT_check_prompt)

    def register() -> None:
        for cls in _CLASSES:
            bpy.utils.register_class(cls)

    def unregister() -> None:
        for cls in reversed(_CLASSES):
            bpy.utils.unregister_class(cls)

else:

    def register() -> None:
        raise RuntimeError("the promptguard add-on runs inside Blender (bpy not found)")

    def unregister() -> None:
        pass
