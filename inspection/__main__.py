from inspection.cli import main

main()
