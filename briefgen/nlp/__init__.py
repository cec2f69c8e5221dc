"""Language tools shared by ingest, summarize and timeline: sentences, dates, tense, similarity,
trimming.

Nothing here knows about files: functions take strings and dates and return plain values.
"""
