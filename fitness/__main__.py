from fitness.cli import main

main()
