"""The planner's vocabulary: periods, plans, datasets and the errors about them.

Nothing here knows about TOML, CSV parsing or Textual; it is the common language of
the plan-file code, the engine, the command line and the app.
"""
