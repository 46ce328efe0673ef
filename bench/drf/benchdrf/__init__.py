"""bench/speed's Django REST Framework reference (not part of the product):
the same answer as bench/ref's "ref select", one SELECT of the first three
plans in Clientele's list envelope, through a ModelSerializer. Served by
gunicorn (benchdrf.wsgi); bench/speed starts it."""
