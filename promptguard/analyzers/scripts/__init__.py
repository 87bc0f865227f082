"""Scripts: the production's own screenplays (fingerprint index, matcher) and screenplay layout."""
