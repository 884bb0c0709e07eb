"""`python -m cnnviz.train`: train a network on the bundled MNIST subset from the command line."""

from cnnviz.train import main

raise SystemExit(main())
