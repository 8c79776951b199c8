"""What every capability stands on: segmentation, recognition, Markdown masking, English matching, JMdict, the findings vocabulary."""
