"""How figures read for a person, in the app and on the command line alike.

One module per kind of text (numbers, splits, the target rule), free of Textual and of
terminal styling, so that the same figure reads the same on every screen and in every
command's table.
"""
