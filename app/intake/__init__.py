"""Import an inventory (inventarisatie) from a spreadsheet onto a board (issue 16, point 1).

Named `intake` because `app/exports/inventory.py` is the inventory going out.
"""
