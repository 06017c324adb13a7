#!/usr/bin/env python
from muniplan.cli import main

if __name__ == "__main__":
    main()
