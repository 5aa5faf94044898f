from django import template

from collection.words import session_words, window_words

register = template.Library()

register.filter("window_words", window_words)
register.filter("session_words", session_words)
