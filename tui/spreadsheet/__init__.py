"""Spreadsheets in and out: the dataset template, the workbook import and the export.

No Textual here, and xlsxwriter and fastexcel are imported only inside the functions
that write or read a workbook, so that the rest of the command line starts fast.
"""
