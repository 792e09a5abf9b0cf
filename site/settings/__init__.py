"""Settings package: ``base`` plus one module per profile (dev, test, production)."""
