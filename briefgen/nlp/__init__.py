"""Language tools shared by ingest, summarize and timeline: sentences, dates, similarity.

Nothing here knows about files: functions take strings and dates and return plain values.
"""
