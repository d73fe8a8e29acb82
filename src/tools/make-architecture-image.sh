#!/usr/bin/env bash
# Renders src/docs/architecture.dot into src/docs/images/architecture.svg and .png (needs Graphviz: apt-get install
# graphviz). The picture is documentation only; src/test/java/lrsched/ArchitectureTest.java enforces the graph.
set -euo pipefail
cd "$(dirname "$0")/../docs"
dot -Tsvg architecture.dot -o images/architecture.svg
dot -Tpng -Gdpi=110 architecture.dot -o images/architecture.png
echo "wrote src/docs/images/architecture.svg and .png"
