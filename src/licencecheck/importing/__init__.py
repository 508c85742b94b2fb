"""`licencecheck import`: the text of a licence (OCR of the paper certificate, a copy from the
ministry's licence query, or a PDF e-certificate's text layer) read into a licence YAML file.

The pipeline: `source` reads the bytes (a PDF through its text layer), `normalise` undoes OCR
noise and drops page furniture, `sections` splits the text into the 正文, the 附页 and the
特别规定事项, `facts`, `grants`, `websites` and `provisions` read each part, `templates` turns
the provisions' wording into titles, flags and obligations (the recognisers are data:
`data/provision_templates.yaml`), and `emit` writes the YAML with a comment on every gap.
`core.import_licence` runs it all and returns an `ImportResult`.
"""
