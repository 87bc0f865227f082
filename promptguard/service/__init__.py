"""The local HTTP service and OpenAI-compatible gateway, their worker processes and the client.

Importing this package imports nothing: `client` (every `promptguard check`) must stay light.
"""
