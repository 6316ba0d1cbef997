"""Search index backends behind one interface (see base.SearchBackend)."""
