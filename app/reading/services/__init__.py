"""The reading's state changes, one module per entity: markers, handovers, next steps, rounds,
suggestions. Every change is a @write function here; pages, the API and tests call them."""
