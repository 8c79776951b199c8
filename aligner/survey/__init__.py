"""``yakugo survey``: terminology consistency across a whole archive, on one machine or a Dask cluster."""
