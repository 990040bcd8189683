"""Reading and checking: bytes -> positioned data -> the model -> a checked graph."""
