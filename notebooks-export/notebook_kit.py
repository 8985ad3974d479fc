# SPDX-License-Identifier: GPL-3.0-or-later
"""What the make_*_notebook.py scripts share: writing a notebook from markdown and code cells."""
import nbformat as nbf


def write(name, cells):
    """Writes NAME.ipynb from cells: strings starting with 'code:' are code, other strings
    markdown; cells made with nbformat are taken as they are."""

    def cell(c):
        if not isinstance(c, str):
            return c
        return nbf.v4.new_code_cell(c[len("code:"):].lstrip("\n")) if c.startswith("code:") else nbf.v4.new_markdown_cell(c)

    built = [cell(c) for c in cells]
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbf.write(nbf.v4.new_notebook(cells=built, metadata=kernel), f"{name}.ipynb")
