"""The plan a planner is working on, without Textual: its file, history and figures.

``Session`` is the one holder of "the open plan": the plan itself (the current entry of
its undo history), the dataset and engine that evaluate it, the file it lives in (path,
the digest of the version on disk, the versions seen for merging) and the latest
evaluation. The planner's edits (``edits``) and the share arithmetic (``rebalance``)
sit beside it. The app, the command line and the tests all use it.
"""
