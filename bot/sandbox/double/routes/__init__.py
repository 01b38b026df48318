"""The double's REST routes, one module per kind of resource."""
